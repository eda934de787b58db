import AIGateway
import ArgumentParser
import Foundation

struct CacheStatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Summarize the store: entries, bytes, hits, oldest and newest, per tenant and model.",
        discussion: "Example: aigw cache stats --json"
    )

    @OptionGroup var location: StoreLocation

    @Flag(help: "Print JSON for scripts instead of text.")
    var json = false

    func run() throws {
        try runReportingErrors {
            let store = try location.open(readOnly: true)
            defer { store.close() }
            let stats: StoreStats
            do { stats = try store.stats() } catch { throw CLIError("cannot read \(location.path): \(error)") }
            if json {
                try Terminal.printJSON(CacheStatsReport(stats: stats, path: location.path))
            } else {
                print(CacheStatsReport(stats: stats, path: location.path).text)
            }
        }
    }
}
