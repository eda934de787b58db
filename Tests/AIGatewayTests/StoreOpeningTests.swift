@testable import AIGateway
@testable import AIGatewayStore
import Foundation
import Testing

@Suite struct StoreOpeningTests {
    @Test func secondStoreOnTheSamePathSharesTheEnvironment() throws {
        let clock = TestClock()
        try withTemporaryDirectory { path in
            let first = try CacheStore(path: path, options: StoreOptions(clock: clock.function))
            let link = path + "-link"
            try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: path)
            defer { try? FileManager.default.removeItem(atPath: link) }
            let second = try CacheStore(path: link, options: StoreOptions(clock: clock.function))
            #expect(first.environment === second.environment)

            let entry = makeEntry("shared", createdAtMs: clock.now)
            try first.put(entry)
            #expect(try second.lookup(entry.key, document: entry.keyDocument).entry != nil)
            first.close()
            #expect(!second.environment.isClosed, "the environment stays open for the remaining user")
            #expect(try second.lookup(entry.key, document: entry.keyDocument).entry != nil)
            second.close()
            #expect(second.environment.isClosed)

            let third = try CacheStore(path: path, options: StoreOptions(clock: clock.function))
            defer { third.close() }
            #expect(third.environment !== first.environment)
            #expect(try third.entry(entry.key) != nil)
        }
    }

    @Test func pathThatIsAFileIsAClearError() throws {
        try withTemporaryDirectory { path in
            try Data("not a store".utf8).write(to: URL(fileURLWithPath: path))
            let error = #expect(throws: StoreError.self) { try CacheStore(path: path) }
            #expect(error == .pathIsFile(path))
            #expect(error?.description == "store path \(path) is a file, not a directory")
        }
    }

    @Test func missingDirectoryIsCreatedWithParents() throws {
        try withTemporaryDirectory { path in
            let nested = path + "/a/b/c"
            let store = try CacheStore(path: nested)
            defer { store.close() }
            #expect(FileManager.default.fileExists(atPath: nested + "/data.mdb"))
            #expect(FileManager.default.fileExists(atPath: nested + "/lock.mdb"))
        }
    }

    @Test func readOnlyWhereThereIsNoStoreIsAClearError() throws {
        try withTemporaryDirectory { path in
            #expect(throws: StoreError.noStore(path)) { try CacheStore(path: path, options: StoreOptions(readOnly: true)) }
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            let error = #expect(throws: StoreError.self) { try CacheStore(path: path, options: StoreOptions(readOnly: true)) }
            #expect(error?.description.contains("no store at") == true)
            #expect(!FileManager.default.fileExists(atPath: path + "/data.mdb"), "a read-only open creates nothing")
        }
    }

    @Test func readOnlyStoreReadsButRefusesWrites() throws {
        let clock = TestClock()
        try withTemporaryDirectory { path in
            let entry = makeEntry("read only", createdAtMs: clock.now)
            let writer = try CacheStore(path: path, options: StoreOptions(clock: clock.function))
            try writer.put(entry)
            writer.close()

            let reader = try CacheStore(path: path, options: StoreOptions(readOnly: true, clock: clock.function))
            defer { reader.close() }
            #expect(try reader.lookup(entry.key, document: entry.keyDocument).entry != nil)
            #expect(try reader.stats().entries == 1)
            #expect(throws: StoreError.readOnly(path)) { try reader.put(entry) }
            #expect(throws: StoreError.readOnly(path)) { try reader.remove(entry.key) }
            #expect(throws: StoreError.readOnly(path)) { try reader.purge() }
        }
    }

    // Root ignores permission bits, so this can only be checked as another user.
    @Test(.enabled(if: geteuid() != 0, "root bypasses directory permissions"))
    func unwritableDirectoryIsAClearError() throws {
        try withTemporaryDirectory { path in
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            chmod(path, 0o555)
            defer { chmod(path, 0o755) }
            let error = #expect(throws: StoreError.self) { try CacheStore(path: path) }
            #expect(error?.description.contains("is not writable") == true)
        }
    }

    /// As root, an immutable directory (`chattr +i`) is an unwritable directory that root
    /// cannot write to either.
    @Test(.enabled(if: geteuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/bin/chattr")))
    func immutableDirectoryIsAClearErrorEvenForRoot() throws {
        try withTemporaryDirectory { path in
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            try #require(Self.chattr("+i", path), "chattr +i is not supported here")
            defer { _ = Self.chattr("-i", path) }
            let error = #expect(throws: StoreError.self) { try CacheStore(path: path) }
            #expect(error?.description.contains("is not writable") == true)
        }
    }

    private static func chattr(_ flag: String, _ path: String) -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/chattr")
        process.arguments = [flag, path]
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }

    @Test func garbageRecordIsACorruptMissAndAClearError() throws {
        try expectCorruptRecordHandling { _ in [1, 13, 0xff, 0xff, 0xff, 0xff, 0, 1, 2] }
    }

    @Test func truncatedRecordIsACorruptMissAndAClearError() throws {
        try expectCorruptRecordHandling { record in Array(record.dropLast(100)) }
    }

    private func expectCorruptRecordHandling(_ damage: ([UInt8]) -> [UInt8]) throws {
        let clock = TestClock()
        try withStore(StoreOptions(clock: clock.function)) { store, _ in
            let entry = makeEntry("damaged", createdAtMs: clock.now)
            try store.put(entry)
            let stored = try store.environment.withTransaction(.read) { (txn) throws(LMDBError) in
                try txn.get(store.databases.entries, key: entry.key.bytes)
            }
            let damaged = damage(try #require(stored))
            try store.environment.withTransaction(.write) { (txn) throws(LMDBError) in
                try txn.put(store.databases.entries, key: entry.key.bytes, value: damaged)
            }
            guard case .miss(.corrupt(let reason)) = try store.lookup(entry.key, document: entry.keyDocument) else {
                Issue.record("a corrupt record was not a corrupt miss")
                return
            }
            #expect(!reason.isEmpty)
            let error = #expect(throws: StoreError.self) { try store.entry(entry.key) }
            #expect(error?.description.hasPrefix("cache entry \(entry.key.hex) is corrupt: ") == true)
            #expect(try store.stats().corruptEntries == 1)

            try store.flush()
            #expect(try store.lookup(entry.key, document: entry.keyDocument) == .miss(.notFound), "the next write deletes it")
            try store.put(entry)
            #expect(try store.lookup(entry.key, document: entry.keyDocument).entry != nil)
        }
    }
}
