@testable import AIGateway
@testable import AIGatewayStore
import Testing

@Suite struct StoreLookupTests {
    @Test func bulkPutStoresEveryEntryAndCountsTheirBytes() throws {
        let clock = TestClock()
        try withStore(StoreOptions(clock: clock.function)) { store, _ in
            let entries = (0..<50).map { makeEntry("bulk \($0)", createdAtMs: clock.now, expiresAtMs: clock.now + 60_000) }
            try store.put(contentsOf: entries)
            for entry in entries {
                #expect(try store.lookup(entry.key, document: entry.keyDocument).entry?.responseBody == entry.responseBody)
            }
            let stats = try store.stats()
            #expect(stats.entries == 50)
            // The store stamps lastAccessMs at the put, so count the records as stored.
            let stored = entries.map { entry in
                var stamped = entry
                stamped.lastAccessMs = clock.now
                return CacheStore.recordCost(CacheRecord.encode(stamped).count)
            }
            #expect(stats.recordBytes == stored.reduce(0, +))
        }
    }

    @Test func putThenLookupReturnsTheSameEntry() throws {
        let clock = TestClock()
        try withStore(StoreOptions(clock: clock.function)) { store, _ in
            let entry = makeEntry("round trip", createdAtMs: clock.now)
            try store.put(entry)
            let result = try store.lookup(entry.key, document: entry.keyDocument)
            let hit = try #require(result.entry)
            #expect(hit.keyDocument == entry.keyDocument)
            #expect(hit.responseBody == entry.responseBody)
            #expect(hit.summary == entry.summary)
            #expect(hit.usage == entry.usage)
            #expect(hit.cost == USD(picodollars: 1234))
            #expect(hit.tenant == "acme")
            #expect(hit.model == "gpt-4o-mini")
            #expect(hit.responseFormat == .json)
            #expect(hit.responseStatus == 200)
            #expect(hit.createdAtMs == clock.now)
            #expect(hit.expiresAtMs == clock.now + Duration.seconds(30 * 24 * 3600).milliseconds)
            #expect(hit.hitCount == 1)
        }
    }

    @Test func entryWithoutOptionalFieldsRoundTrips() throws {
        let clock = TestClock()
        try withStore(StoreOptions(defaultTTL: nil, clock: clock.function)) { store, _ in
            var entry = makeEntry("bare", tenant: "", createdAtMs: clock.now, bodyBytes: 0)
            entry.usage = nil
            entry.cost = nil
            entry.summary = []
            entry.responseFormat = .sse
            entry.responseStatus = 299
            try store.put(entry)
            let stored = try #require(try store.entry(entry.key))
            var expected = entry
            expected.lastAccessMs = clock.now
            #expect(stored == expected)
        }
    }

    @Test func differentDocumentUnderTheSameKeyIsAMiss() throws {
        let clock = TestClock()
        try withStore(StoreOptions(clock: clock.function)) { store, _ in
            let entry = makeEntry("collision", createdAtMs: clock.now)
            try store.put(entry)
            #expect(try store.lookup(entry.key, document: entry.keyDocument + [0]) == .miss(.documentMismatch))
            #expect(try store.lookup(entry.key, document: Array(entry.keyDocument.dropLast())) == .miss(.documentMismatch))
            #expect(try store.lookup(CacheKey(high: 1, low: 2), document: entry.keyDocument) == .miss(.notFound))
        }
    }

    @Test func expiredEntryIsNotReturnedUnderTheDefaultTTL() throws {
        let clock = TestClock()
        try withStore(StoreOptions(defaultTTL: .seconds(60), clock: clock.function)) { store, _ in
            let entry = makeEntry("default ttl", createdAtMs: clock.now)
            try store.put(entry)
            clock.advance(.seconds(59))
            #expect(try store.lookup(entry.key, document: entry.keyDocument).entry != nil)
            clock.advance(.seconds(1))
            #expect(try store.lookup(entry.key, document: entry.keyDocument) == .miss(.expired))
            #expect(try store.entry(entry.key) != nil, "entry(_:) shows expired entries")
        }
    }

    @Test func expiredEntryIsNotReturnedUnderItsOwnExpiry() throws {
        let clock = TestClock()
        try withStore(StoreOptions(defaultTTL: nil, clock: clock.function)) { store, _ in
            let forever = makeEntry("forever", createdAtMs: clock.now)
            let brief = makeEntry("brief", createdAtMs: clock.now, expiresAtMs: clock.now + 10)
            try store.put(forever)
            try store.put(brief)
            clock.advance(.seconds(365 * 24 * 3600))
            #expect(try store.lookup(brief.key, document: brief.keyDocument) == .miss(.expired))
            #expect(try store.lookup(forever.key, document: forever.keyDocument).entry != nil)
        }
    }

    @Test func entryOlderThanMaxAgeIsAMiss() throws {
        let clock = TestClock()
        try withStore(StoreOptions(clock: clock.function)) { store, _ in
            let entry = makeEntry("aging", createdAtMs: clock.now)
            try store.put(entry)
            clock.advance(.seconds(120))
            #expect(try store.lookup(entry.key, document: entry.keyDocument, maxAge: .seconds(60)) == .miss(.tooOld(maxAge: .seconds(60))))
            #expect(try store.lookup(entry.key, document: entry.keyDocument, maxAge: .seconds(600)).entry != nil)
            #expect(try store.lookup(entry.key, document: entry.keyDocument).entry != nil)
        }
    }

    @Test func hitCountsAndAccessTimesPersistAfterFlushAndReopen() throws {
        let clock = TestClock()
        try withTemporaryDirectory { path in
            let entry = makeEntry("counted", createdAtMs: clock.now)
            do {
                let store = try CacheStore(path: path, options: StoreOptions(clock: clock.function))
                defer { store.close() }
                try store.put(entry)
                clock.advance(.seconds(5))
                for _ in 0..<3 { _ = try store.lookup(entry.key, document: entry.keyDocument) }
                _ = try store.lookup(CacheKey(high: 9, low: 9), document: [])
                #expect(try store.entry(entry.key)?.hitCount == 3, "unflushed hits are visible in-process")
                try store.flush()
            }
            let reopened = try CacheStore(path: path, options: StoreOptions(clock: clock.function))
            defer { reopened.close() }
            let stored = try #require(try reopened.entry(entry.key))
            #expect(stored.hitCount == 3)
            #expect(stored.lastAccessMs == clock.now)
            let stats = try reopened.stats()
            #expect(stats.lookupHits == 3)
            #expect(stats.lookupMisses == 1)
            #expect(stats.totalHits == 3)
        }
    }

    @Test func closeFlushesPendingHits() throws {
        let clock = TestClock()
        try withTemporaryDirectory { path in
            let entry = makeEntry("closed", createdAtMs: clock.now)
            let store = try CacheStore(path: path, options: StoreOptions(clock: clock.function))
            try store.put(entry)
            _ = try store.lookup(entry.key, document: entry.keyDocument)
            store.close()
            #expect(throws: StoreError.closed) { try store.lookup(entry.key, document: entry.keyDocument) }
            let reopened = try CacheStore(path: path, options: StoreOptions(clock: clock.function))
            defer { reopened.close() }
            #expect(try reopened.entry(entry.key)?.hitCount == 1)
        }
    }

    @Test func replacingAnEntryLeavesNoStaleIndexRows() throws {
        let clock = TestClock()
        try withStore(StoreOptions(clock: clock.function)) { store, _ in
            let first = makeEntry("replaced", createdAtMs: clock.now, bodyBytes: 1000)
            try store.put(first)
            clock.advance(.seconds(10))
            var second = first
            second.responseBody = Array(repeating: 7, count: 300)
            second.createdAtMs = clock.now
            try store.put(second)
            #expect(try store.lookup(first.key, document: first.keyDocument).entry?.responseBody == second.responseBody)
            let stats = try store.stats()
            #expect(stats.entries == 1)
            let rows = try store.environment.withTransaction(.read) { (txn) throws(LMDBError) in
                (try txn.count(store.databases.expiry), try txn.count(store.databases.lru))
            }
            #expect(rows == (1, 1))
            #expect(stats.recordBytes == Int64(16 + CacheRecord.encode(try #require(try store.entry(first.key))).count))
        }
    }
}
