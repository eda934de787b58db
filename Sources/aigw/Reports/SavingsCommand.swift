import AIGateway
import ArgumentParser

struct SavingsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "savings",
        abstract: "Show, per tenant, what the cache saved of what the requests would have cost without it.",
        discussion: """
            "saved $S of $T" means: responses served from the cache would have cost $S upstream, \
            and $T = spend + saved is what all the tenant's requests would have cost with no cache. \
            Amounts are exact; requests of unpriced models are counted apart, never as zero.

            Examples:
              aigw savings
              aigw savings --since 30d --json
            """
    )

    @OptionGroup var location: StoreLocation

    @Option(help: "Only this tenant.")
    var tenant: String?

    @Option(help: "From this day: an age (30d) or a UTC date (2026-11-01).")
    var since: TimeBoundArgument?

    @Option(help: "Through this day: an age or a UTC date.")
    var until: TimeBoundArgument?

    @Flag(help: "Print JSON for scripts instead of text.")
    var json = false

    func run() throws {
        try runReportingErrors {
            let usage = try ReportReading.usage(at: location, query: UsageQuery(since: since?.day, until: until?.day, tenant: tenant, grouping: .tenant),
                                                latencies: false)
            let report: SavingsReport
            do { report = try SavingsReport(usage) } catch { throw CLIError("cannot total the savings: \(error)") }
            if json {
                try Terminal.printJSON(report)
                return
            }
            guard !report.tenants.isEmpty else {
                print("no requests recorded")
                return
            }
            let lines = report.tenants.map { Self.line($0, label: $0.tenant.isEmpty ? "(none)" : $0.tenant) } + [Self.line(report.total, label: "TOTAL")]
            print(Terminal.table(lines, rightAligned: [2, 4]))
        }
    }

    /// `acme  saved $12.34 of $56.78 (21.7%)`, as columns so that the amounts line up.
    static func line(_ tenant: SavingsReport.Tenant, label: String) -> [String] {
        var line = [label, "saved", tenant.saved.description, "of",
                    tenant.withoutCache.description, "(" + UsageText.percent(tenant.savedShare) + ")"]
        if tenant.unknownCostRequests > 0 { line.append("+\(tenant.unknownCostRequests) unpriced") }
        return line
    }
}
