@testable import AIGateway
import Foundation
import Testing

@Suite struct UsageReportTests {
    static let dayMs: Int64 = 1_795_953_600_000

    @Test func latencyPercentilesAreNearestRankPerModelAndProvider() throws {
        try withTemporaryDirectory { path in
            let log = try RequestLog(storePath: path)
            defer { log.close() }
            // 1 ms … 100 ms, shuffled, one in ten failed.
            for latency in (1...100).shuffled() {
                log.record(RequestLogEntry(
                    requestID: "r\(latency)", timeMs: Self.dayMs, tenant: "acme", provider: "openai", model: "gpt-4o-mini",
                    cache: .miss, cost: .zero, latency: .milliseconds(latency),
                    status: latency % 10 == 0 ? 500 : 200, errorMessage: latency % 10 == 0 ? "broke" : nil))
            }
            log.record(RequestLogEntry(requestID: "other", timeMs: Self.dayMs, tenant: "globex", provider: "anthropic",
                                       model: "claude-3-5-haiku", cache: .hit, cost: .zero, latency: .microseconds(2_500)))
            try log.flush()
            let report = try UsageReport.build(storePath: path, query: UsageQuery(grouping: .model))
            let gpt = try #require(report.models.first { $0.name == "gpt-4o-mini" })
            #expect(gpt.requests == 100)
            #expect(gpt.succeeded == 90)
            #expect(gpt.successRate == 0.9)
            #expect((gpt.p50Ms, gpt.p95Ms, gpt.p99Ms) == (50, 95, 99))
            #expect(report.providers.map(\.name) == ["anthropic", "openai"])
            #expect(report.providers.first?.p99Ms == 2.5)
            let scoped = try UsageReport.build(storePath: path, query: UsageQuery(tenant: "globex"))
            #expect(scoped.models.map(\.name) == ["claude-3-5-haiku"], "a tenant's report holds only its own latencies")
        }
    }

    @Test func totalsComeFromTheLedgerAndSavingsShareIsOfSpendPlusSaved() throws {
        try withTemporaryDirectory { path in
            let ledger = try UsageLedger(storePath: path)
            defer { ledger.close() }
            let time = Date(timeIntervalSince1970: Double(Self.dayMs) / 1_000)
            ledger.record(LedgerEvent(time: time, tenant: "acme", model: "gpt-4o-mini", provider: "openai", cache: .miss,
                                      tokens: BilledTokens(uncachedInput: 10, output: 5), cost: USD(picodollars: 3_000_000)))
            ledger.record(LedgerEvent(time: time, tenant: "acme", model: "gpt-4o-mini", provider: "openai", cache: .hit,
                                      tokens: BilledTokens(uncachedInput: 10, output: 5), cost: .zero, saved: USD(picodollars: 1_000_000)))
            ledger.record(LedgerEvent(time: time.addingTimeInterval(86_400), tenant: "globex", model: "gpt-4o-mini",
                                      provider: "openai", cache: .miss, cost: nil))
            try ledger.flush()
            let report = try UsageReport.build(storePath: path, query: UsageQuery())
            #expect(report.groups.map(\.name) == ["acme", "globex"])
            #expect(report.total.counters.requests == 3)
            #expect(report.groups[0].hitRate == 0.5)
            #expect(report.groups[0].tokens == 30)
            let savings = try SavingsReport(report)
            #expect(savings.tenants[0].withoutCache == USD(picodollars: 4_000_000))
            #expect(savings.tenants[0].savedShare == 0.25)
            #expect(savings.tenants[1].unknownCostRequests == 1)
            #expect(savings.tenants[1].savedShare == nil)
            let firstDay = try UsageReport.build(storePath: path, query: UsageQuery(since: "2026-11-29", until: "2026-11-29"))
            #expect(firstDay.groups.map(\.name) == ["acme"], "days are inclusive UTC days")
        }
    }

    @Test func reportTimesAreAgesOrUTCDays() {
        #expect(ReportTime.seconds(ofAge: "7d") == 604_800)
        #expect(ReportTime.seconds(ofAge: "7x") == nil)
        #expect(ReportTime.milliseconds("2026-11-29", nowMs: 0) == 1_795_910_400_000)
        #expect(ReportTime.milliseconds("1969-12-31", nowMs: 0) == -86_400_000)
        #expect(ReportTime.milliseconds("2026-02-30", nowMs: 0) == nil)
        #expect(ReportTime.milliseconds("1h", nowMs: 3_600_000) == 0)
        #expect(ReportTime.day("1d", nowMs: 1_795_953_600_000) == "2026-11-28")
    }
}
