import AIGateway
import ArgumentParser
import Foundation

struct CacheStatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Summarize the store: entries, bytes, hit rate, top models, oldest and newest, per tenant.",
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
            // The hit rate per tenant comes from the ledger; a store without one just lacks it.
            let usage = (try? UsageLedger.read(storePath: location.path).aggregate(by: .tenant))?.groups ?? []
            let report = CacheStatsReport(stats: stats, path: location.path,
                                          usage: Dictionary(usage.map { ($0.name, $0.counters) }, uniquingKeysWith: { a, _ in a }))
            if json {
                try Terminal.printJSON(report)
            } else {
                print(report.text)
            }
        }
    }
}
