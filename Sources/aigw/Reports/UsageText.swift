import AIGateway
import Foundation

/// `aigw usage` as aligned tables.
struct UsageText {
    var report: UsageReport

    init(_ report: UsageReport) {
        self.report = report
    }

    var text: String {
        var lines: [String] = []
        let span = "\(report.since ?? "first day") … \(report.until ?? "today")" + (report.tenant.map { ", tenant \($0)" } ?? "")
        lines.append("usage by \(report.by), \(span) (UTC days)")
        lines.append("")
        let header = [report.by.uppercased(), "REQUESTS", "HIT RATE", "ERRORS", "TOKENS", "SPEND", "SAVED"]
        let rows = (report.groups + [report.total]).enumerated().map { index, row in
            [index == report.groups.count ? "TOTAL" : row.name.isEmpty ? "(none)" : row.name, String(row.counters.requests), Self.percent(row.hitRate),
             String(row.counters.errors), String(row.tokens), row.counters.spend.description, row.counters.saved.description]
        }
        lines.append(Terminal.table([header] + rows, rightAligned: [1, 2, 3, 4, 5, 6]))
        if report.total.counters.unknownCostRequests > 0 {
            lines.append("\(report.total.counters.unknownCostRequests) request(s) had an unknown cost (unpriced model); not in SPEND or SAVED")
        }
        for (title, rows) in [("MODEL", report.models), ("PROVIDER", report.providers)] where !rows.isEmpty {
            lines.append("")
            lines.append(Terminal.table([[title, "LOGGED", "SUCCESS", "P50 MS", "P95 MS", "P99 MS"]] + rows.map { row in
                [row.name, String(row.requests), Self.percent(row.successRate),
                 Self.milliseconds(row.p50Ms), Self.milliseconds(row.p95Ms), Self.milliseconds(row.p99Ms)]
            }, rightAligned: [1, 2, 3, 4, 5]))
        }
        return lines.joined(separator: "\n")
    }

    static func percent(_ share: Double?) -> String {
        share.map { String(format: "%.1f%%", $0 * 100) } ?? "-"
    }

    static func milliseconds(_ value: Double) -> String {
        String(format: "%.1f", value)
    }
}
