@testable import AIGateway
@testable import AIGatewayStore
import Testing

/// The internal LMDB wrapper that the ledger and the request log will share.
@Suite struct StoreEnvironmentTests {
    private func withEnvironment(_ body: (LMDBEnvironment) throws -> Void) throws {
        try withTemporaryDirectory { path in
            let environment = try LMDBEnvironment.open(path: path, configuration: LMDBConfiguration(initialMapSize: 1 << 20))
            defer { environment.close() }
            try body(environment)
        }
    }

    private func rows(_ environment: LMDBEnvironment, _ database: LMDBDatabase, _ range: LMDBKeyRange, reverse: Bool) throws -> [String] {
        try environment.withTransaction(.read) { (txn) throws(LMDBError) -> [String] in
            var keys: [String] = []
            try txn.scan(database, range: range, reverse: reverse) { key, _ in
                keys.append(String(decoding: key, as: UTF8.self))
                return true
            }
            return keys
        }
    }

    @Test func namedDatabaseSupportsGetPutDeleteAndCount() throws {
        try withEnvironment { environment in
            let ledger = try environment.database("ledger")
            #expect(try environment.database("ledger") == ledger)
            try environment.withTransaction(.write) { (txn) throws(LMDBError) in
                try txn.put(ledger, key: Array("a".utf8), value: [1, 2, 3])
                try txn.put(ledger, key: Array("b".utf8), value: [4])
            }
            try environment.withTransaction(.write) { (txn) throws(LMDBError) in
                #expect(try txn.get(ledger, key: Array("a".utf8)) == [1, 2, 3])
                #expect(try txn.delete(ledger, key: Array("b".utf8)))
                #expect(try !txn.delete(ledger, key: Array("b".utf8)))
                #expect(try txn.get(ledger, key: Array("b".utf8)) == nil)
                #expect(try txn.count(ledger) == 1)
            }
        }
    }

    @Test func scansForwardAndBackwardOverPrefixesAndRanges() throws {
        try withEnvironment { environment in
            let log = try environment.database("log")
            try environment.withTransaction(.write) { (txn) throws(LMDBError) in
                for key in ["a1", "a2", "a3", "b1", "b2", "c1"] { try txn.put(log, key: Array(key.utf8), value: []) }
            }
            #expect(try rows(environment, log, .prefix(Array("a".utf8)), reverse: false) == ["a1", "a2", "a3"])
            #expect(try rows(environment, log, .prefix(Array("a".utf8)), reverse: true) == ["a3", "a2", "a1"])
            #expect(try rows(environment, log, .prefix(Array("b".utf8)), reverse: true) == ["b2", "b1"])
            #expect(try rows(environment, log, .prefix(Array("c".utf8)), reverse: true) == ["c1"])
            #expect(try rows(environment, log, .prefix(Array("d".utf8)), reverse: true) == [])
            let range = LMDBKeyRange(lower: Array("a2".utf8), upper: Array("b2".utf8))
            #expect(try rows(environment, log, range, reverse: false) == ["a2", "a3", "b1"])
            #expect(try rows(environment, log, range, reverse: true) == ["b1", "a3", "a2"])
            #expect(try rows(environment, log, .all, reverse: true).count == 6)
            #expect(LMDBKeyRange.successor(of: [0x01, 0xff]) == [0x02])
            #expect(LMDBKeyRange.successor(of: [0xff, 0xff]) == nil)
        }
    }

    @Test func throwingWriteClosureAbortsItsTransaction() throws {
        try withEnvironment { environment in
            let meta = try environment.database("meta")
            #expect(throws: LMDBError.closed) {
                try environment.withTransaction(.write) { (txn) throws(LMDBError) in
                    try txn.put(meta, key: Array("k".utf8), value: [1])
                    throw LMDBError.closed
                }
            }
            let value = try environment.withTransaction(.read) { (txn) throws(LMDBError) in try txn.get(meta, key: Array("k".utf8)) }
            #expect(value == nil)
        }
    }

    @Test func failedCallIsNamedInItsError() throws {
        try withEnvironment { environment in
            let meta = try environment.database("meta")
            let error = #expect(throws: LMDBError.self) {
                try environment.withTransaction(.write) { (txn) throws(LMDBError) in
                    try txn.put(meta, key: [UInt8](repeating: 1, count: 4096), value: [])
                }
            }
            #expect(error?.description.hasPrefix("mdb_put: MDB_BAD_VALSIZE: ") == true, "\(String(describing: error))")
        }
    }

    @Test func secondOpenOfAPathSharesOneEnvironmentUntilTheLastClose() throws {
        try withTemporaryDirectory { path in
            let first = try LMDBEnvironment.open(path: path, configuration: LMDBConfiguration())
            let second = try LMDBEnvironment.open(path: path + "/", configuration: LMDBConfiguration())
            #expect(first === second)
            first.close()
            #expect(!second.isClosed)
            second.close()
            #expect(second.isClosed)
        }
    }
}
