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
            """,
        version: "0.1.0",
        subcommands: [ServeCommand.self, KeyCommand.self, CacheCommand.self, FixturesCommand.self]
    )
}
