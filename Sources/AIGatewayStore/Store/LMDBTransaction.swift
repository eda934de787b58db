import CLMDB

/// A half-open key range `[lower, upper)` over raw keys; nil bounds are open.
struct LMDBKeyRange: Sendable {
    var lower: [UInt8]?
    var upper: [UInt8]?

    static let all = LMDBKeyRange(lower: nil, upper: nil)

    /// Every key that starts with `prefix`.
    static func prefix(_ prefix: [UInt8]) -> LMDBKeyRange {
        LMDBKeyRange(lower: prefix, upper: successor(of: prefix))
    }

    /// The smallest key greater than every key with this prefix; nil when there is none.
    static func successor(of prefix: [UInt8]) -> [UInt8]? {
        var bytes = prefix
        while let last = bytes.last {
            if last < 0xff {
                bytes[bytes.count - 1] = last + 1
                return bytes
            }
            bytes.removeLast()
        }
        return nil
    }
}

/// A live LMDB transaction, lent to a ``LMDBEnvironment/withTransaction(_:_:)`` closure.
///
/// Non-copyable so it cannot outlive that closure. Every buffer it hands to a callback
/// (`withValue`, `scan`) points into the memory map: valid until the transaction ends, and in a
/// write transaction only until the next write. Copy bytes out before the callback returns.
struct LMDBTransaction: ~Copyable {
    let handle: OpaquePointer
    let isWrite: Bool

    /// Calls `body` with the stored value, or returns nil when `key` is absent.
    func withValue<R>(
        _ database: LMDBDatabase,
        key: UnsafeRawBufferPointer,
        _ body: (UnsafeRawBufferPointer) throws(LMDBError) -> R
    ) throws(LMDBError) -> R? {
        var keyValue = MDB_val(mv_size: key.count, mv_data: UnsafeMutableRawPointer(mutating: key.baseAddress))
        var value = MDB_val()
        let rc = mdb_get(handle, database.dbi, &keyValue, &value)
        if rc == MDB_NOTFOUND { return nil }
        try check(rc, "mdb_get")
        return try body(UnsafeRawBufferPointer(start: value.mv_data, count: value.mv_size))
    }

    /// A copy of the stored value, or nil.
    func get(_ database: LMDBDatabase, key: [UInt8]) throws(LMDBError) -> [UInt8]? {
        try withBytes(key) { (key) throws(LMDBError) in
            try withValue(database, key: key) { Array($0) }
        }
    }

    func put(_ database: LMDBDatabase, key: [UInt8], value: [UInt8]) throws(LMDBError) {
        try withBytes(key) { (key) throws(LMDBError) in
            try withBytes(value) { (value) throws(LMDBError) in
                try put(database, key: key, value: value)
            }
        }
    }

    func put(_ database: LMDBDatabase, key: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer) throws(LMDBError) {
        var keyValue = MDB_val(mv_size: key.count, mv_data: UnsafeMutableRawPointer(mutating: key.baseAddress))
        var dataValue = MDB_val(mv_size: value.count, mv_data: UnsafeMutableRawPointer(mutating: value.baseAddress))
        try check(mdb_put(handle, database.dbi, &keyValue, &dataValue, 0), "mdb_put")
    }

    /// Deletes `key`; false when it was absent.
    @discardableResult
    func delete(_ database: LMDBDatabase, key: [UInt8]) throws(LMDBError) -> Bool {
        try withBytes(key) { (key) throws(LMDBError) -> Bool in
            var keyValue = MDB_val(mv_size: key.count, mv_data: UnsafeMutableRawPointer(mutating: key.baseAddress))
            let rc = mdb_del(handle, database.dbi, &keyValue, nil)
            if rc == MDB_NOTFOUND { return false }
            try check(rc, "mdb_del")
            return true
        }
    }

    /// Number of records in `database`.
    func count(_ database: LMDBDatabase) throws(LMDBError) -> Int {
        var stat = MDB_stat()
        try check(mdb_stat(handle, database.dbi, &stat), "mdb_stat")
        return stat.ms_entries
    }

    /// Visits the records in `range` in key order (or reverse) until `body` returns false.
    ///
    /// Do not write to `database` from `body`; collect keys and write after the scan.
    func scan(
        _ database: LMDBDatabase,
        range: LMDBKeyRange = .all,
        reverse: Bool = false,
        _ body: (_ key: UnsafeRawBufferPointer, _ value: UnsafeRawBufferPointer) throws(LMDBError) -> Bool
    ) throws(LMDBError) {
        var cursor: OpaquePointer?
        try check(mdb_cursor_open(handle, database.dbi, &cursor), "mdb_cursor_open")
        defer { mdb_cursor_close(cursor) }
        var key = MDB_val()
        var value = MDB_val()

        func move(_ op: MDB_cursor_op) throws(LMDBError) -> Bool {
            let rc = mdb_cursor_get(cursor, &key, &value, op)
            if rc == MDB_NOTFOUND { return false }
            try check(rc, "mdb_cursor_get")
            return true
        }
        func seek(_ bound: [UInt8]) throws(LMDBError) -> Bool {
            try withBytes(bound) { (bound) throws(LMDBError) -> Bool in
                key = MDB_val(mv_size: bound.count, mv_data: UnsafeMutableRawPointer(mutating: bound.baseAddress))
                return try move(MDB_SET_RANGE)
            }
        }

        var positioned: Bool
        if reverse {
            if let upper = range.upper {
                positioned = try seek(upper) ? try move(MDB_PREV) : try move(MDB_LAST)
            } else {
                positioned = try move(MDB_LAST)
            }
        } else {
            if let lower = range.lower {
                positioned = try seek(lower)
            } else {
                positioned = try move(MDB_FIRST)
            }
        }
        while positioned {
            let keyBytes = UnsafeRawBufferPointer(start: key.mv_data, count: key.mv_size)
            if reverse {
                if let lower = range.lower, Self.compare(keyBytes, lower) < 0 { return }
            } else {
                if let upper = range.upper, Self.compare(keyBytes, upper) >= 0 { return }
            }
            guard try body(keyBytes, UnsafeRawBufferPointer(start: value.mv_data, count: value.mv_size)) else { return }
            positioned = try move(reverse ? MDB_PREV : MDB_NEXT)
        }
    }

    /// Lexicographic byte order, the order of LMDB's default comparator.
    static func compare(_ lhs: UnsafeRawBufferPointer, _ rhs: [UInt8]) -> Int {
        let common = min(lhs.count, rhs.count)
        for index in 0..<common where lhs[index] != rhs[index] {
            return lhs[index] < rhs[index] ? -1 : 1
        }
        return lhs.count == rhs.count ? 0 : (lhs.count < rhs.count ? -1 : 1)
    }
}

/// `Array.withUnsafeBytes` with a typed error.
@inline(__always)
func withBytes<R>(_ bytes: [UInt8], _ body: (UnsafeRawBufferPointer) throws(LMDBError) -> R) throws(LMDBError) -> R {
    let result: Result<R, LMDBError> = bytes.withUnsafeBytes { buffer in
        do throws(LMDBError) { return .success(try body(buffer)) } catch { return .failure(error) }
    }
    return try result.get()
}
