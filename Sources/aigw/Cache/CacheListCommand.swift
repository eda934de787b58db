import AIGateway
import ArgumentParser

struct CacheListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ls",
        abstract: "List cache entries, newest first.",
        discussion: "Example: aigw cache ls --tenant acme --limit 20"
    )

    @OptionGroup var location: StoreLocation

    @Option(help: "Only entries of this tenant.")
    var tenant: String?

    @Option(help: "At most this many entries.")
    var limit: Int = 50

    @Flag(help: "Print JSON for scripts instead of text.")
    var json = false

    func validate() throws {
        if limit < 1 { throw ValidationError("--limit must be at least 1.") }
    }

    func run() throws {
        try runReportingErrors {
            let store = try location.open(readOnly: true)
            defer { store.close() }
            let entries: [CacheEntry]
            do { entries = try store.list(limit: limit, tenant: tenant) } catch { throw CLIError("cannot read \(location.path): \(error)") }
            let summaries = entries.map(EntrySummary.init)
            if json {
                try Terminal.printJSON(summaries)
                return
            }
            if summaries.isEmpty {
                print("no entries")
                return
            }
            let rows = [["KEY", "TENANT", "PROVIDER", "MODEL", "CREATED", "HITS", "BYTES", "COST"]]
                + summaries.map { [$0.key, $0.tenant, $0.provider, $0.model, $0.createdAt, String($0.hits), String($0.responseBytes), $0.costUSD ?? "unknown"] }
            print(Terminal.table(rows, rightAligned: [5, 6, 7]))
        }
    }
}
