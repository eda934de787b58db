import AIGateway
import ArgumentParser

struct UsageCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "usage",
        abstract: "Report requests, hit rate, tokens, spend and savings, with latency per model and provider.",
        discussion: """
            Totals come from the usage ledger, by whole UTC days: --since 7d starts at 00:00 UTC \
            of the day seven days ago. Latency percentiles (p50/p95/p99) and success rates come \
            from the request log, over the same days, as far back as its retention keeps records. \
            Works while 'aigw serve' runs on the same store; it shows what the gateway has \
            committed (every 250 ms).

            Examples:
              aigw usage
              aigw usage --by model --tenant acme --since 7d
              aigw usage --by day --since 2026-11-01 --until 2026-11-30 --json
            """
    )

    @OptionGroup var location: StoreLocation

    @Option(help: "Total by this field.")
    var by: LedgerGrouping = .tenant

    @Option(help: "Only this tenant.")
    var tenant: String?

    @Option(help: "From this day: an age (7d, 12h) or a UTC date (2026-11-29).")
    var since: TimeBoundArgument?

    @Option(help: "Through this day: an age or a UTC date.")
    var until: TimeBoundArgument?

    @Flag(help: "Print JSON for scripts instead of text.")
    var json = false

    var query: UsageQuery {
        UsageQuery(since: since?.day, until: until?.day, tenant: tenant, grouping: by)
    }

    func run() throws {
        try runReportingErrors {
            let report = try ReportReading.usage(at: location, query: query, latencies: true)
            if json {
                try Terminal.printJSON(report)
            } else {
                print(UsageText(report).text)
            }
        }
    }
}

/// Reading reports from a store, with one error message for a store that cannot be read.
enum ReportReading {
    /// Without `latencies` only the ledger is read (see ``UsageReport/build(storePath:query:latencies:progress:)``),
    /// so there is no request-log progress to show.
    static func usage(at location: StoreLocation, query: UsageQuery, latencies: Bool) throws -> UsageReport {
        let progress = ProgressLine(enabled: latencies && Terminal.stderrIsTerminal)
        defer { progress.finish() }
        do {
            return try UsageReport.build(storePath: location.path, query: query, latencies: latencies,
                                         progress: progress.report { "reading the request log… \($0) records" })
        } catch {
            throw CLIError("cannot read the usage of \(location.path): \(error)")
        }
    }
}
