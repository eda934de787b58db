import AIGateway
import ArgumentParser

struct CachePurgeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "purge",
        abstract: "Remove entries: all of them, those older than an age, or one tenant's.",
        discussion: """
            Without filters every entry goes. Expired entries are swept as well.

            Examples:
              aigw cache purge --older-than 7d
              aigw cache purge --tenant acme --older-than 12h
            """
    )

    @OptionGroup var location: StoreLocation

    @Option(help: "Only entries created longer ago than this: 90s, 30m, 12h, 7d, 2w.")
    var olderThan: AgeArgument?

    @Option(help: "Only entries of this tenant.")
    var tenant: String?

    @Flag(help: "Print JSON for scripts instead of text.")
    var json = false

    func run() throws {
        try runReportingErrors {
            let store = try location.open()
            defer { store.close() }
            let progress = ProgressLine(enabled: Terminal.stderrIsTerminal && !json)
            let removed: Int
            let expired: Int
            do {
                removed = try store.purge(olderThan: olderThan?.duration, tenant: tenant, progress: progress.report { "purging… \($0) removed" })
                expired = try store.sweepExpired()
            } catch {
                throw CLIError("purge failed: \(error)")
            }
            progress.finish()
            if json {
                try Terminal.printJSON(["removed": removed, "expired_swept": expired])
            } else {
                print("removed \(removed) entr\(removed == 1 ? "y" : "ies")" + (expired > 0 ? ", swept \(expired) expired" : ""))
            }
        }
    }
}
