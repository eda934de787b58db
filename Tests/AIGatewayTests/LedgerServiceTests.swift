@testable import AIGateway
@testable import AIGatewayStore
import Foundation
import Logging
import ServiceLifecycle
import Synchronization
import Testing

@Suite struct LedgerServiceTests {
    static func event(_ index: Int) -> LedgerEvent {
        LedgerEvent(time: Date(timeIntervalSince1970: 1_795_953_600), tenant: "t\(index % 4)", model: "gpt-4o-mini",
                    provider: "openai", cache: .miss, tokens: BilledTokens(uncachedInput: 1, output: 2), cost: USD(picodollars: 3))
    }

    @Test func gracefulShutdownFlushesEverythingRecorded() async throws {
        try await withTemporaryDirectoryAsync { path in
            // An interval far longer than the test: only the shutdown flush can write the rows.
            let ledger = try UsageLedger(storePath: path, flushInterval: .seconds(3600))
            let group = ServiceGroup(services: [ledger], logger: Logger(label: "test"))
            async let running: Void = group.run()
            for index in 0..<1000 { ledger.record(Self.event(index)) }
            try await Task.sleep(for: .milliseconds(50))
            await group.triggerGracefulShutdown()
            try await running
            #expect(ledger.committedFlushes.load(ordering: .relaxed) == 1)
            #expect(ledger.pendingRows == 0)
            let total = try ledger.read().aggregate(by: .tenant).total
            #expect(total.requests == 1000)
            #expect(total.spend == USD(picodollars: 3000))
            ledger.close()
        }
    }

    @Test func cancellingTheServiceFlushes() async throws {
        try await withTemporaryDirectoryAsync { path in
            let ledger = try UsageLedger(storePath: path, flushInterval: .seconds(3600))
            defer { ledger.close() }
            let task = Task { try await ledger.run() }
            for index in 0..<10 { ledger.record(Self.event(index)) }
            task.cancel()
            try await task.value
            #expect(try ledger.read().count == 4)
        }
    }

    @Test func concurrentRecordsAreGroupCommittedInFewTransactions() async throws {
        try await withTemporaryDirectoryAsync { path in
            let ledger = try UsageLedger(storePath: path, flushInterval: .milliseconds(20))
            let group = ServiceGroup(services: [ledger], logger: Logger(label: "test"))
            async let running: Void = group.run()
            let start = ContinuousClock.now
            await withTaskGroup(of: Void.self) { tasks in
                for worker in 0..<4 {
                    tasks.addTask {
                        for index in 0..<2500 {
                            ledger.record(Self.event(worker * 2500 + index))
                            if index % 500 == 0 { try? await Task.sleep(for: .milliseconds(15)) }
                        }
                    }
                }
            }
            // Let at least one periodic flush happen before shutting down.
            try await Task.sleep(for: .milliseconds(60))
            await group.triggerGracefulShutdown()
            try await running
            let elapsed = ContinuousClock.now - start
            let flushes = ledger.committedFlushes.load(ordering: .relaxed)
            // At most one commit per interval (plus the shutdown flush), not one per record.
            #expect(flushes >= 1)
            #expect(flushes <= Int(elapsed / .milliseconds(20)) + 2)
            #expect(flushes < 200)
            let total = try ledger.read().aggregate(by: .tenant).total
            #expect(total.requests == 10_000)
            #expect(total.outputTokens == 20_000)
            ledger.close()
        }
    }
}
