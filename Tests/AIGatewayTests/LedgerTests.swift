@testable import AIGateway
@testable import AIGatewayStore
import Foundation
import Synchronization
import Testing

@Suite struct LedgerTests {
    static let noon = Date(timeIntervalSince1970: 1_795_953_600) // 2026-11-29T12:00:00Z

    static func event(
        tenant: String = "acme",
        user: String = "u1",
        model: String = "gpt-4o-mini",
        cache: CacheStatus = .miss,
        succeeded: Bool = true,
        tokens: BilledTokens = BilledTokens(uncachedInput: 100, output: 200),
        cost: USD? = USD(picodollars: 135_000_000),
        saved: USD? = nil,
        time: Date = noon
    ) -> LedgerEvent {
        LedgerEvent(time: time, tenant: tenant, user: user, agent: "", model: model, provider: "openai",
                    cache: cache, succeeded: succeeded, tokens: tokens, cost: cost, saved: saved)
    }

    @Test func recordedEventReadsBackExactlyAfterFlush() throws {
        try withTemporaryDirectory { path in
            let ledger = try UsageLedger(storePath: path)
            defer { ledger.close() }
            ledger.record(Self.event(tokens: BilledTokens(uncachedInput: 100, output: 200, cacheRead: 30, cacheWrite: 4)))
            #expect(try UsageLedger.read(storePath: path, filter: LedgerFilter()).isEmpty, "nothing is written before a flush")
            #expect(try ledger.flush() == 1)

            let rows = try UsageLedger.read(storePath: path, filter: LedgerFilter())
            #expect(rows.count == 1)
            let row = try #require(rows.first)
            #expect(row.key == LedgerKey(day: "2026-11-29", tenant: "acme", user: "u1", agent: "", model: "gpt-4o-mini", provider: "openai"))
            var expected = LedgerCounters()
            expected.requests = 1
            expected.misses = 1
            expected.inputTokens = 100
            expected.outputTokens = 200
            expected.cacheReadTokens = 30
            expected.cacheWriteTokens = 4
            expected.spend = USD(picodollars: 135_000_000)
            #expect(row.counters == expected)
        }
    }

    @Test func eventsOfOneScopeAndDayMergeIntoOneRow() throws {
        try withTemporaryDirectory { path in
            let ledger = try UsageLedger(storePath: path)
            defer { ledger.close() }
            for _ in 0..<50 { ledger.record(Self.event()) }
            for _ in 0..<20 { ledger.record(Self.event(cache: .hit, tokens: BilledTokens(uncachedInput: 10, output: 5, cacheRead: 1), cost: .zero, saved: USD(picodollars: 7))) }
            for _ in 0..<5 { ledger.record(Self.event(cache: .bypass, succeeded: false, tokens: BilledTokens(), cost: .zero)) }
            #expect(ledger.pendingRows == 1)
            try ledger.flush()
            for _ in 0..<50 { ledger.record(Self.event()) }
            try ledger.flush()

            let rows = try ledger.read()
            #expect(rows.count == 1)
            let counters = try #require(rows.first?.counters)
            #expect(counters.requests == 125)
            #expect(counters.misses == 100)
            #expect(counters.hits == 20)
            #expect(counters.bypasses == 5)
            #expect(counters.errors == 5)
            #expect(counters.inputTokens == 100 * 100)
            #expect(counters.outputTokens == 100 * 200)
            #expect(counters.tokensServedFromCache == 20 * 16)
            #expect(counters.spend == USD(picodollars: 100 * 135_000_000))
            #expect(counters.saved == USD(picodollars: 20 * 7))
            #expect(counters.unknownCostRequests == 0)
        }
    }

    @Test func tenThousandRecordsCommitInOneTransaction() throws {
        try withTemporaryDirectory { path in
            let ledger = try UsageLedger(storePath: path)
            defer { ledger.close() }
            for index in 0..<10_000 {
                ledger.record(Self.event(user: "u\(index % 100)", model: (index / 100) % 2 == 0 ? "gpt-4o-mini" : "claude-haiku"))
            }
            #expect(ledger.pendingRows == 200)
            #expect(try ledger.flush() == 200)
            #expect(ledger.committedFlushes.load(ordering: .relaxed) == 1)
            #expect(try ledger.flush() == 0, "an empty flush writes nothing")
            #expect(ledger.committedFlushes.load(ordering: .relaxed) == 1)
            let total = try ledger.read().aggregate(by: .tenant).total
            #expect(total.requests == 10_000)
        }
    }

    @Test func moneySumsAreExactToThePicodollar() throws {
        try withTemporaryDirectory { path in
            let ledger = try UsageLedger(storePath: path)
            defer { ledger.close() }
            // Amounts a Double cannot hold exactly, summed across many flushes and rows.
            var expectedSpend: Int64 = 0
            for index in 0..<3000 {
                let picodollars = Int64(100_000_000_001) + Int64(index % 7)
                expectedSpend += picodollars
                ledger.record(Self.event(model: "m\(index % 3)", cost: USD(picodollars: picodollars)))
                if index % 500 == 0 { try ledger.flush() }
            }
            try ledger.flush()
            let report = try ledger.read().aggregate(by: .model)
            #expect(report.total.spend == USD(picodollars: expectedSpend))
            #expect(report.groups.map(\.name) == ["m0", "m1", "m2"])
            #expect(USD.sum(report.groups.map(\.counters.spend)) == USD(picodollars: expectedSpend))
        }
    }

    @Test func unknownCostIsCountedApartAndNeverAsZero() throws {
        try withTemporaryDirectory { path in
            let ledger = try UsageLedger(storePath: path)
            defer { ledger.close() }
            ledger.record(Self.event(cost: USD(picodollars: 5)))
            ledger.record(Self.event(cost: nil))
            ledger.record(Self.event(cache: .hit, cost: .zero, saved: nil))
            try ledger.flush()
            let counters = try #require(try ledger.read().first?.counters)
            #expect(counters.requests == 3)
            #expect(counters.spend == USD(picodollars: 5))
            #expect(counters.saved == .zero)
            #expect(counters.unknownCostRequests == 2)
        }
    }

    @Test func closeFlushesWhatIsPendingAndLaterRecordsAreDropped() throws {
        try withTemporaryDirectory { path in
            let ledger = try UsageLedger(storePath: path)
            ledger.record(Self.event())
            ledger.close()
            ledger.record(Self.event())
            ledger.close()
            #expect(throws: LedgerError.closed) { try ledger.flush() }
            let rows = try UsageLedger.read(storePath: path, filter: LedgerFilter())
            #expect(rows.map(\.counters.requests) == [1])
        }
    }

    @Test func ledgerSharesTheEnvironmentWithTheCacheStore() throws {
        try withStore { store, path in
            let ledger = try UsageLedger(storePath: path)
            defer { ledger.close() }
            #expect(ledger.environment === store.environment)
            try store.put(makeEntry("shared", createdAtMs: 1_700_000_000_000))
            ledger.record(Self.event())
            try ledger.flush()
            #expect(try UsageLedger.read(storePath: path, filter: LedgerFilter()).count == 1)
            #expect(try store.stats().entries == 1)
        }
    }

    @Test func readingAStoreWithoutALedgerFindsNoRows() throws {
        try withStore { _, path in
            let rows = try UsageLedger.read(storePath: path, filter: LedgerFilter())
            #expect(rows.isEmpty)
        }
        try withTemporaryDirectory { path in
            _ = #expect(throws: LedgerError.self) { try UsageLedger.read(storePath: path, filter: LedgerFilter()) }
        }
    }
}
