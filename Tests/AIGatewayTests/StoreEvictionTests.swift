@testable import AIGateway
import Testing

@Suite struct StoreEvictionTests {
    @Test func sizeCapEvictsTheLeastRecentlyUsedNotTheOldest() throws {
        let clock = TestClock()
        try withStore(StoreOptions(maxBytes: 60_000, clock: clock.function)) { store, _ in
            var entries: [CacheEntry] = []
            for index in 0..<10 {
                let entry = makeEntry("lru \(index)", createdAtMs: clock.now)
                try store.put(entry)
                entries.append(entry)
                clock.advance(.seconds(1))
            }
            // The oldest entry is read, so entry 1 becomes the least recently used.
            #expect(try store.lookup(entries[0].key, document: entries[0].keyDocument).entry != nil)
            clock.advance(.seconds(1))
            for index in 10..<16 {
                let entry = makeEntry("lru \(index)", createdAtMs: clock.now)
                try store.put(entry)
                entries.append(entry)
                clock.advance(.seconds(1))
            }
            let stats = try store.stats()
            #expect(stats.recordBytes <= 60_000)
            #expect(try store.entry(entries[0].key) != nil, "the entry read recently survives")
            #expect(try store.entry(entries[1].key) == nil, "the least recently used entry is evicted")
            #expect(try store.entry(entries[15].key) != nil)
            let survivors = try entries.filter { try store.entry($0.key) != nil }
            #expect(survivors.count == stats.entries)
        }
    }

    @Test func mapGrowsFromOneMebibyteToHoldTwentyMebibytes() throws {
        let clock = TestClock()
        let options = StoreOptions(initialMapSize: 1 << 20, clock: clock.function)
        try withStore(options) { store, _ in
            var entries: [CacheEntry] = []
            for index in 0..<320 {
                let entry = makeEntry("growth \(index)", createdAtMs: clock.now, bodyBytes: 64 << 10)
                try store.put(entry)
                entries.append(entry)
            }
            let stats = try store.stats()
            #expect(stats.entries == 320)
            #expect(stats.mapSizeBytes >= 20 << 20)
            for entry in entries.suffix(5) + entries.prefix(5) {
                #expect(try store.lookup(entry.key, document: entry.keyDocument).entry?.responseBody == entry.responseBody)
            }
        }
    }

    @Test func fullMapAtItsMaximumEvictsInsteadOfFailing() throws {
        let clock = TestClock()
        let options = StoreOptions(initialMapSize: 1 << 20, maxMapSize: 4 << 20, clock: clock.function)
        try withStore(options) { store, _ in
            var last: CacheEntry?
            for index in 0..<200 {
                let entry = makeEntry("bounded \(index)", createdAtMs: clock.now, bodyBytes: 64 << 10)
                try store.put(entry)
                clock.advance(.milliseconds(10))
                last = entry
            }
            let stats = try store.stats()
            #expect(stats.mapSizeBytes == 4 << 20)
            #expect(stats.entries < 200)
            #expect(stats.entries > 0)
            let newest = try #require(last)
            #expect(try store.lookup(newest.key, document: newest.keyDocument).entry != nil)
        }
    }
}

@Suite struct StoreConcurrencyTests {
    @Test func concurrentPutsAndLookupsSurviveMapGrowth() async throws {
        let clock = TestClock()
        try await withTemporaryDirectoryAsync { path in
            let store = try CacheStore(path: path, options: StoreOptions(initialMapSize: 1 << 20, clock: clock.function))
            defer { store.close() }
            try await withThrowingTaskGroup(of: Int.self) { group in
                for writer in 0..<4 {
                    group.addTask {
                        var hits = 0
                        for index in 0..<60 {
                            let entry = makeEntry("concurrent \(writer) \(index)", createdAtMs: clock.now, bodyBytes: 16 << 10)
                            try store.put(entry)
                            if try store.lookup(entry.key, document: entry.keyDocument).entry?.responseBody == entry.responseBody {
                                hits += 1
                            }
                        }
                        return hits
                    }
                }
                var hits = 0
                for try await count in group { hits += count }
                #expect(hits == 240)
            }
            let stats = try store.stats()
            #expect(stats.entries == 240)
            #expect(stats.lookupHits == 240)
            #expect(stats.mapSizeBytes > 1 << 20)
        }
    }
}
