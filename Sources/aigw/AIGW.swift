import ArgumentParser

@main
struct AIGW: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "aigw",
        abstract: "AI Gateway: a normalizing cache in front of LLM providers.",
        discussion: """
            Examples:
              aigw serve --port 8080                Run the caching gateway over HTTP.
              aigw key request.json                 Print a request's cache key and canonical form.
              aigw key --diff a.json b.json         Show why two requests do not share a key.
              aigw cache stats --store ./.aigw      Summarize the cache store.
              aigw fixtures ls Fixtures             List recorded exchanges.
              aigw usage --by model --since 7d      Requests, hit rate, tokens, spend, latency.
              aigw savings                          What the cache saved, per tenant.
              aigw logs --follow                    Print requests as the gateway serves them.
            """,
        version: "0.1.0",
        subcommands: [ServeCommand.self, KeyCommand.self, CacheCommand.self, FixturesCommand.self,
                      UsageCommand.self, SavingsCommand.self, LogsCommand.self]
    )
}
