@testable import AIGateway
import Foundation
import Testing

@Suite struct LedgerReadingTests {
    static func day(_ n: Int) -> Date {
        Date(timeIntervalSince1970: 1_795_910_400 + Double(n) * 86_400 + 3600) // 2026-11-29 + n days
    }

    /// Three days × two tenants × two models, one request each, cost = day·100 + tenant·10 + model.
    static func fill(_ path: String) throws {
        let ledger = try UsageLedger(storePath: path)
        defer { ledger.close() }
        for day in 0..<3 {
            for (t, tenant) in ["acme", "globex"].enumerated() {
                for (m, model) in ["gpt-4o-mini", "claude-haiku"].enumerated() {
                    ledger.record(LedgerEvent(
                        time: Self.day(day), tenant: tenant, user: "u", model: model, provider: m == 0 ? "openai" : "anthropic",
                        cache: .miss, tokens: BilledTokens(uncachedInput: 1, output: 1),
                        cost: USD(picodollars: Int64(day * 100 + t * 10 + m))
                    ))
                }
            }
        }
    }

    @Test func filterByTenantAndDayRange() throws {
        try withTemporaryDirectory { path in
            try Self.fill(path)
            let all = try UsageLedger.read(storePath: path, filter: LedgerFilter())
            #expect(all.count == 12)
            #expect(all.map(\.key.day) == all.map(\.key.day).sorted(), "rows come in day order")

            let acme = try UsageLedger.read(storePath: path, filter: LedgerFilter(tenant: "acme"))
            #expect(acme.count == 6)
            #expect(acme.allSatisfy { $0.key.tenant == "acme" })

            let range = try UsageLedger.read(storePath: path, filter: LedgerFilter(since: "2026-11-30", until: "2026-12-01"))
            #expect(Set(range.map(\.key.day)) == ["2026-11-30", "2026-12-01"])
            #expect(range.count == 8)

            let oneDay = try UsageLedger.read(storePath: path, filter: LedgerFilter(since: "2026-11-30", until: "2026-11-30", tenant: "globex"))
            #expect(oneDay.count == 2)
            #expect(oneDay.allSatisfy { $0.key.day == "2026-11-30" && $0.key.tenant == "globex" })

            let until = try UsageLedger.read(storePath: path, filter: LedgerFilter(until: "2026-11-29", model: "claude-haiku"))
            #expect(until.count == 2)

            #expect(try UsageLedger.read(storePath: path, filter: LedgerFilter(since: "2027-01-01")).isEmpty)
        }
    }

    @Test func aggregateGroupsAndTotalsExactly() throws {
        try withTemporaryDirectory { path in
            try Self.fill(path)
            let rows = try UsageLedger.read(storePath: path, filter: LedgerFilter())
            let byTenant = try rows.aggregate(by: .tenant)
            #expect(byTenant.groups.map(\.name) == ["acme", "globex"])
            // acme: Σ day·100 + model over 3 days × 2 models = 2·300 + 3·1 = 603; globex adds 6·10.
            #expect(byTenant.groups.map(\.counters.spend.picodollars) == [603, 663])
            #expect(byTenant.total.spend == USD(picodollars: 1266))
            #expect(byTenant.total.requests == 12)

            let byDay = try rows.aggregate(by: .day)
            #expect(byDay.groups.map(\.name) == ["2026-11-29", "2026-11-30", "2026-12-01"])
            #expect(byDay.groups.map(\.counters.requests) == [4, 4, 4])

            let byProvider = try rows.aggregate(by: .provider)
            #expect(byProvider.groups.map(\.name) == ["anthropic", "openai"])
            #expect(byProvider.total == byTenant.total)
        }
    }

    @Test func aggregateThrowsInsteadOfOverflowing() {
        var big = LedgerCounters()
        big.spend = USD(picodollars: .max - 1)
        let rows = [(key: LedgerKey(day: "2026-11-29", tenant: "a"), counters: big),
                    (key: LedgerKey(day: "2026-11-29", tenant: "b"), counters: big)]
        #expect(throws: LedgerError.overflow) { try rows.aggregate(by: .day) }
    }
}
