@testable import AIGateway
@testable import AIGatewayStore
import Foundation
import Logging
import ServiceLifecycle
import Testing

@Suite struct RequestLogStorageTests {
    static func entry(_ id: String, timeMs: Int64 = 1_795_953_600_000, tenant: String = "acme", failed: Bool = false,
                      latencyMs: Int64 = 10, cost: USD? = USD(picodollars: 7)) -> RequestLogEntry {
        RequestLogEntry(requestID: id, timeMs: timeMs, tenant: tenant, user: "alice", agent: "bot", provider: "openai",
                        model: "gpt-4o-mini", cache: .miss, tokens: BilledTokens(uncachedInput: 5, output: 3, cacheRead: 2, cacheWrite: 1),
                        cost: failed ? .zero : cost, saved: .zero, latency: .milliseconds(latencyMs),
                        status: failed ? 502 : 200, errorMessage: failed ? "upstream broke" : nil)
    }

    @Test func aStoredEntryReadsBackUnchanged() {
        let entries = [
            Self.entry("a"),
            Self.entry("b", failed: true),
            Self.entry("c", cost: nil),
            RequestLogEntry(requestID: "d", timeMs: -5, provider: "anthropic", model: "claude-3-5-haiku", cache: .hit,
                            cost: .zero, saved: nil, latency: .microseconds(1_234)),
        ]
        for entry in entries {
            let decoded = entry.encoded.withUnsafeBytes { RequestLogEntry(encoded: $0) }
            #expect(decoded == entry)
        }
        #expect([UInt8]([2, 0, 0]).withUnsafeBytes { RequestLogEntry(encoded: $0) } == nil, "another format version is not read")
    }

    @Test func cursorsSortByTimeAsBytesAndRoundTripAsHex() throws {
        let cursors = [RequestLogCursor(timeMs: -1_000, writer: 9, sequence: 1), RequestLogCursor(timeMs: 0),
                       RequestLogCursor(timeMs: 5, writer: 1, sequence: 2), RequestLogCursor(timeMs: 5, writer: 1, sequence: 3),
                       RequestLogCursor(timeMs: 1_795_953_600_000, writer: .max, sequence: .max)]
        for (earlier, later) in zip(cursors, cursors.dropFirst()) {
            #expect(earlier < later)
            #expect(earlier.bytes.lexicographicallyPrecedes(later.bytes))
        }
        for cursor in cursors {
            #expect(RequestLogCursor(hex: cursor.description) == cursor)
        }
        #expect(RequestLogCursor(hex: "not a cursor") == nil)
    }

    @Test func flushWritesInRecordOrderAndQueriesFilter() throws {
        try withTemporaryDirectory { path in
            let log = try RequestLog(storePath: path, flushInterval: .seconds(3600))
            defer { log.close() }
            for index in 0..<20 {
                log.record(Self.entry("r\(index)", timeMs: 1_795_953_600_000 + Int64(index) * 1_000,
                                      tenant: index % 2 == 0 ? "acme" : "globex", failed: index % 5 == 0))
            }
            #expect(try RequestLog.read(storePath: path, query: RequestLogQuery()).isEmpty, "nothing is written before a flush")
            #expect(try log.flush() == 20)
            #expect(log.pendingRecords == 0)
            let all = try RequestLog.read(storePath: path, query: RequestLogQuery())
            #expect(all.map(\.entry.requestID) == (0..<20).map { "r\($0)" })
            #expect(try RequestLog.read(storePath: path, query: RequestLogQuery(tenant: "globex")).count == 10)
            #expect(try RequestLog.read(storePath: path, query: RequestLogQuery(failedOnly: true)).map(\.entry.requestID) == ["r0", "r5", "r10", "r15"])
            #expect(try RequestLog.read(storePath: path, query: RequestLogQuery(requestID: "r7")).map(\.entry.tenant) == ["globex"])
            let since = try RequestLog.read(storePath: path, query: RequestLogQuery(sinceMs: 1_795_953_600_000 + 15_000))
            #expect(since.map(\.entry.requestID) == ["r15", "r16", "r17", "r18", "r19"])
            let newest = try RequestLog.read(storePath: path, query: RequestLogQuery(limit: 3, newest: true))
            #expect(newest.map(\.entry.requestID) == ["r17", "r18", "r19"], "the newest, oldest first")
            let after = try RequestLog.read(storePath: path, query: RequestLogQuery(after: all[17].cursor))
            #expect(after.map(\.entry.requestID) == ["r18", "r19"])
            #expect(try RequestLog.count(storePath: path) == 20)
        }
    }

    @Test func retentionDropsTheOldestByAgeAndByCount() throws {
        try withTemporaryDirectory { path in
            let clock = TestClock(1_795_953_600_000)
            let retention = RequestLogRetention(maxAge: .seconds(3_600), maxRecords: 5, maxDeletionsPerFlush: 100)
            let log = try RequestLog(storePath: path, options: StoreOptions(clock: { clock.now }), retention: retention)
            defer { log.close() }
            for index in 0..<8 {
                log.record(Self.entry("old\(index)", timeMs: clock.now))
                clock.advance(.milliseconds(1))
            }
            try log.flush()
            #expect(try RequestLog.count(storePath: path) == 5, "the count limit keeps the newest five")
            #expect(try RequestLog.read(storePath: path, query: RequestLogQuery()).first?.entry.requestID == "old3")
            clock.advance(.seconds(3_601))
            log.record(Self.entry("new", timeMs: clock.now))
            try log.flush()
            #expect(try RequestLog.read(storePath: path, query: RequestLogQuery()).map(\.entry.requestID) == ["new"],
                    "records queued more than an hour ago are gone")
        }
    }

    @Test func pruningIsBoundedPerFlush() throws {
        try withTemporaryDirectory { path in
            let clock = TestClock(1_795_953_600_000)
            let log = try RequestLog(storePath: path, options: StoreOptions(clock: { clock.now }),
                                     retention: RequestLogRetention(maxAge: nil, maxRecords: 2, maxDeletionsPerFlush: 3))
            defer { log.close() }
            for index in 0..<10 { log.record(Self.entry("r\(index)")) }
            try log.flush()
            #expect(try RequestLog.count(storePath: path) == 7)
            log.record(Self.entry("r10"))
            try log.flush()
            #expect(try RequestLog.count(storePath: path) == 5)
        }
    }

    @Test func gracefulShutdownFlushesAndCloseDropsLaterRecords() async throws {
        try await withTemporaryDirectoryAsync { path in
            let log = try RequestLog(storePath: path, flushInterval: .seconds(3600))
            let group = ServiceGroup(services: [log], logger: Logger(label: "test"))
            async let running: Void = group.run()
            for index in 0..<500 { log.record(Self.entry("r\(index)")) }
            try await Task.sleep(for: .milliseconds(50))
            await group.triggerGracefulShutdown()
            try await running
            #expect(try RequestLog.count(storePath: path) == 500)
            log.record(Self.entry("late-but-before-close"))
            log.close()
            log.record(Self.entry("after-close"))
            let ids = try RequestLog.read(storePath: path, query: RequestLogQuery()).map(\.entry.requestID)
            #expect(ids.count == 501)
            #expect(ids.last == "late-but-before-close")
        }
    }

    @Test func aScanInShortTransactionsSeesEveryRecordOnceEitherWay() throws {
        try withTemporaryDirectory { path in
            let log = try RequestLog(storePath: path)
            defer { log.close() }
            for index in 0..<10 { log.record(Self.entry("r\(index)", timeMs: 1_795_953_600_000 + Int64(index), tenant: index % 3 == 0 ? "acme" : "globex")) }
            try log.flush()
            for chunk in [1, 3, 10, 11] {
                var forward: [String] = []
                try RequestLog.scan(storePath: path, query: RequestLogQuery(), reverse: false, chunk: chunk) { forward.append($1.requestID); return true }
                #expect(forward == (0..<10).map { "r\($0)" }, "chunk \(chunk)")
                var backward: [String] = []
                try RequestLog.scan(storePath: path, query: RequestLogQuery(tenant: "acme"), reverse: true, chunk: chunk) { backward.append($1.requestID); return true }
                #expect(backward == ["r9", "r6", "r3", "r0"], "chunk \(chunk)")
                var firstTwo: [String] = []
                try RequestLog.scan(storePath: path, query: RequestLogQuery(), reverse: false, chunk: chunk) { firstTwo.append($1.requestID); return firstTwo.count < 2 }
                #expect(firstTwo == ["r0", "r1"], "stopping ends the scan, chunk \(chunk)")
            }
        }
    }

    @Test func aGatewayRequestIDNarrowsTheScanToWhenItStarted() {
        let id = RequestID.make(now: Date(timeIntervalSince1970: 1_795_953_600))
        #expect(RequestID.milliseconds(of: id) == 1_795_953_600_000)
        #expect(RequestID.milliseconds(of: "req-7") == nil)
        let range = RequestLogQuery(sinceMs: 0, requestID: id).keyRange
        #expect(range.lower == RequestLogCursor(timeMs: 1_795_953_599_000).bytes)
        #expect(RequestLogQuery(requestID: "req-7").keyRange.lower == nil, "another id shape scans everything")
    }
}
