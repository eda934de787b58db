import AIGateway
import ArgumentParser

struct CacheCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cache",
        abstract: "Inspect and prune the cache store.",
        discussion: """
            The store is --store PATH, else $AIGW_STORE, else ./.aigw. Reading commands work while
            'aigw serve' writes to the same store.

            Examples:
              aigw cache stats
              aigw cache ls --tenant acme --limit 20
              aigw cache show 3f0c9a7e5b1d2c4e6a8b0d2f4e6a8c0b
              aigw cache purge --older-than 7d
            """,
        subcommands: [CacheStatsCommand.self, CacheListCommand.self, CacheShowCommand.self,
                      CacheRemoveCommand.self, CachePurgeCommand.self]
    )
}

extension CacheKey: ExpressibleByArgument {
    public init?(argument: String) {
        self.init(hex: argument)
    }
}
