@testable import AIGateway
@testable import AIGatewayStore
import Testing

@Suite struct StoreMaintenanceTests {
    @Test func removeDeletesAnEntryOnce() throws {
        let clock = TestClock()
        try withStore(StoreOptions(clock: clock.function)) { store, _ in
            let entry = makeEntry("removed", createdAtMs: clock.now)
            try store.put(entry)
            #expect(try store.remove(entry.key))
            #expect(try !store.remove(entry.key))
            #expect(try store.lookup(entry.key, document: entry.keyDocument) == .miss(.notFound))
            let stats = try store.stats()
            #expect(stats.entries == 0)
            #expect(stats.recordBytes == 0)
        }
    }

    @Test func purgeByAgeRemovesOnlyOlderEntries() throws {
        let clock = TestClock()
        try withStore(StoreOptions(clock: clock.function)) { store, _ in
            let old = (0..<5).map { makeEntry("old \($0)", createdAtMs: clock.now) }
            for entry in old { try store.put(entry) }
            clock.advance(.seconds(2 * 24 * 3600))
            let fresh = (0..<3).map { makeEntry("fresh \($0)", createdAtMs: clock.now) }
            for entry in fresh { try store.put(entry) }
            var reported: [Int] = []
            #expect(try store.purge(olderThan: .seconds(24 * 3600), progress: { reported.append($0) }) == 5)
            #expect(reported.last == 5)
            for entry in old { #expect(try store.entry(entry.key) == nil) }
            for entry in fresh { #expect(try store.entry(entry.key) != nil) }
        }
    }

    @Test func purgeByTenantRemovesOnlyThatTenant() throws {
        let clock = TestClock()
        try withStore(StoreOptions(clock: clock.function)) { store, _ in
            let acme = (0..<4).map { makeEntry("acme \($0)", tenant: "acme", createdAtMs: clock.now) }
            let globex = (0..<2).map { makeEntry("globex \($0)", tenant: "globex", createdAtMs: clock.now) }
            for entry in acme + globex { try store.put(entry) }
            #expect(try store.purge(tenant: "acme") == 4)
            #expect(try store.stats().entries == 2)
            #expect(try store.purge() == 2)
            let stats = try store.stats()
            #expect(stats.entries == 0)
            #expect(stats.recordBytes == 0)
        }
    }

    @Test func sweepExpiredDeletesOnlyExpiredEntries() throws {
        let clock = TestClock()
        try withStore(StoreOptions(defaultTTL: .seconds(3600), clock: clock.function)) { store, _ in
            let short = (0..<3).map { makeEntry("short \($0)", createdAtMs: clock.now, expiresAtMs: clock.now + 1000) }
            let long = (0..<2).map { makeEntry("long \($0)", createdAtMs: clock.now) }
            for entry in short + long { try store.put(entry) }
            #expect(try store.sweepExpired() == 0)
            clock.advance(.seconds(1))
            #expect(try store.stats().expiredEntries == 3)
            #expect(try store.sweepExpired() == 3)
            #expect(try store.stats().entries == 2)
            clock.advance(.seconds(3600))
            #expect(try store.sweepExpired() == 2)
            let rows = try store.environment.withTransaction(.read) { (txn) throws(LMDBError) in
                (try txn.count(store.databases.expiry), try txn.count(store.databases.lru), try txn.count(store.databases.entries))
            }
            #expect(rows == (0, 0, 0))
        }
    }

    @Test func statsReportCountsBytesTenantsAndModels() throws {
        let clock = TestClock()
        try withStore(StoreOptions(clock: clock.function)) { store, _ in
            let first = clock.now
            var expectedBytes: Int64 = 0
            for index in 0..<3 {
                let entry = makeEntry("s \(index)", tenant: "acme", model: "gpt-4o", createdAtMs: clock.now, bodyBytes: 1000)
                try store.put(entry)
                expectedBytes += Int64(16 + CacheRecord.encode(try #require(try store.entry(entry.key))).count)
                clock.advance(.seconds(1))
            }
            let other = makeEntry("s other", tenant: "globex", model: "claude-sonnet", createdAtMs: clock.now, bodyBytes: 1000)
            try store.put(other)
            expectedBytes += Int64(16 + CacheRecord.encode(try #require(try store.entry(other.key))).count)
            _ = try store.lookup(other.key, document: other.keyDocument)
            _ = try store.lookup(other.key, document: other.keyDocument)
            _ = try store.lookup(CacheKey(high: 1, low: 1), document: [])

            let stats = try store.stats()
            #expect(stats.entries == 4)
            #expect(stats.recordBytes == expectedBytes)
            #expect(stats.totalHits == 2)
            #expect(stats.lookupHits == 2)
            #expect(stats.lookupMisses == 1)
            #expect(stats.oldestCreatedAtMs == first)
            #expect(stats.newestCreatedAtMs == clock.now)
            #expect(stats.tenants.map(\.tenant) == ["acme", "globex"])
            #expect(stats.tenants.map(\.entries) == [3, 1])
            #expect(stats.tenants.reduce(0) { $0 + $1.recordBytes } == expectedBytes)
            #expect(stats.topModels.map(\.model) == ["gpt-4o", "claude-sonnet"])
            #expect(stats.mapSizeBytes == 64 << 20)
            #expect(stats.fileSizeBytes > 0)
        }
    }

    @Test func listReturnsNewestFirstWithinTheLimit() throws {
        let clock = TestClock()
        try withStore(StoreOptions(clock: clock.function)) { store, _ in
            var entries: [CacheEntry] = []
            for index in 0..<5 {
                let entry = makeEntry("l \(index)", tenant: index.isMultiple(of: 2) ? "acme" : "globex", createdAtMs: clock.now)
                try store.put(entry)
                entries.append(entry)
                clock.advance(.seconds(1))
            }
            #expect(try store.list(limit: 2).map(\.key) == [entries[4].key, entries[3].key])
            #expect(try store.list(tenant: "acme").map(\.key) == [entries[4].key, entries[2].key, entries[0].key])
            #expect(try store.list().count == 5)
        }
    }
}
