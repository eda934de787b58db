import AIGatewayCore

/// Writes inside one write transaction: records and their index rows move together, and the
/// running total of record bytes is threaded through as `total` and stored once per commit.
extension CacheStore {
    enum MetaKey {
        static let schema = "schema"
        static let recordBytes = "recordBytes"
        static let lookupHits = "lookupHits"
        static let lookupMisses = "lookupMisses"
        static let lastEvictionMs = "lastEvictionMs"
    }

    /// What a record costs against `maxBytes`: its key plus its value.
    static func recordCost(_ valueCount: Int) -> Int64 { Int64(16 + valueCount) }

    static func counter(_ txn: borrowing LMDBTransaction, _ meta: LMDBDatabase, _ name: String) throws(LMDBError) -> Int64? {
        guard let bytes = try txn.get(meta, key: Array(name.utf8)), bytes.count == 8 else { return nil }
        return bytes.withUnsafeBytes { Int64(bitPattern: readBigEndian($0, at: 0, as: UInt64.self)) }
    }

    static func setCounter(_ txn: borrowing LMDBTransaction, _ meta: LMDBDatabase, _ name: String, _ value: Int64) throws(LMDBError) {
        var bytes: [UInt8] = []
        appendBigEndian(UInt64(bitPattern: value), to: &bytes)
        try txn.put(meta, key: Array(name.utf8), value: bytes)
    }

    /// `time ‖ key`, with the time's sign bit flipped so byte order is numeric order.
    static func indexKey(_ timeMs: Int64, _ key: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(24)
        appendBigEndian(timePrefix(timeMs), to: &out)
        out.append(contentsOf: key)
        return out
    }

    static func timePrefix(_ timeMs: Int64) -> UInt64 { UInt64(bitPattern: timeMs) ^ (1 << 63) }

    static func indexTime(_ row: UnsafeRawBufferPointer) -> Int64 {
        Int64(bitPattern: readBigEndian(row, at: 0, as: UInt64.self) ^ (1 << 63))
    }

    /// Writes `record` for `entry`, first removing any entry (intact or not) under its key.
    func insert(_ record: [UInt8], of entry: CacheEntry, _ txn: borrowing LMDBTransaction, total: inout Int64) throws(LMDBError) {
        let key = entry.key.bytes
        try deleteEntry(key, txn, total: &total)
        try txn.put(databases.entries, key: key, value: record)
        if let expiresAtMs = entry.expiresAtMs {
            try txn.put(databases.expiry, key: Self.indexKey(expiresAtMs, key), value: [])
        }
        try txn.put(databases.lru, key: Self.indexKey(entry.lastAccessMs, key), value: [])
        total += Self.recordCost(record.count)
    }

    /// Deletes the record under `key` and the index rows it names; a corrupt record is deleted
    /// alone (its index rows, if any, are dropped later as orphans).
    @discardableResult
    func deleteEntry(_ key: [UInt8], _ txn: borrowing LMDBTransaction, total: inout Int64) throws(LMDBError) -> Bool {
        let found = try withBytes(key) { (keyBytes) throws(LMDBError) in
            try txn.withValue(databases.entries, key: keyBytes) { raw -> (size: Int, expiresAtMs: Int64?, lastAccessMs: Int64?) in
                guard let view = try? CacheRecord.View(raw) else { return (raw.count, nil, nil) }
                return (raw.count, view.expiresAtMs, view.lastAccessMs)
            }
        }
        guard let found else { return false }
        if let expiresAtMs = found.expiresAtMs { try txn.delete(databases.expiry, key: Self.indexKey(expiresAtMs, key)) }
        if let lastAccessMs = found.lastAccessMs { try txn.delete(databases.lru, key: Self.indexKey(lastAccessMs, key)) }
        try txn.delete(databases.entries, key: key)
        total -= Self.recordCost(found.size)
        return true
    }

    /// What an index row (`time ‖ key`) says about its record.
    enum IndexRowState {
        /// The record exists and carries this row's time: the row is current.
        case current(recordCost: Int64)
        /// No record, or the record carries another time: drop the row only.
        case orphan
    }

    func indexRowState(
        _ row: UnsafeRawBufferPointer, in txn: borrowing LMDBTransaction, time: (CacheRecord.View) -> Int64?
    ) throws(LMDBError) -> IndexRowState {
        guard row.count == 24 else { return .orphan }
        let rowTime = Self.indexTime(row)
        let state = try txn.withValue(databases.entries, key: UnsafeRawBufferPointer(rebasing: row[8...])) { raw -> IndexRowState in
            guard let view = try? CacheRecord.View(raw) else { return .current(recordCost: Self.recordCost(raw.count)) }
            return time(view) == rowTime ? .current(recordCost: Self.recordCost(raw.count)) : .orphan
        }
        return state ?? .orphan
    }

    /// Evicts least recently used entries until `total` is at most `target`; returns how many.
    @discardableResult
    func evict(_ txn: borrowing LMDBTransaction, downTo target: Int64, keeping kept: CacheKey?, total: inout Int64) throws(LMDBError) -> Int {
        let keptBytes = kept?.bytes
        var victims: [[UInt8]] = []
        var orphans: [[UInt8]] = []
        var projected = total
        try txn.scan(databases.lru) { (row, _) throws(LMDBError) -> Bool in
            guard projected > target else { return false }
            let key = Array(row[8...])
            if key == keptBytes { return true }
            switch try indexRowState(row, in: txn, time: { $0.lastAccessMs }) {
            case .current(let cost):
                victims.append(key)
                projected -= cost
            case .orphan:
                orphans.append(Array(row))
            }
            return true
        }
        for row in orphans { try txn.delete(databases.lru, key: row) }
        for key in victims { try deleteEntry(key, txn, total: &total) }
        return victims.count
    }

    /// Applies a batch of lookup effects: hit counts, access times (moving LRU rows), lookup
    /// counters, and deletion of records found corrupt (if they still are).
    func apply(_ batch: PendingBatch, _ txn: borrowing LMDBTransaction, total: inout Int64) throws(LMDBError) {
        for (key, access) in batch.accesses {
            let keyBytes = key.bytes
            let update = try withBytes(keyBytes) { (keyBytes) throws(LMDBError) in
                try txn.withValue(databases.entries, key: keyBytes) { raw -> (record: [UInt8], oldAccess: Int64, newAccess: Int64)? in
                    guard let view = try? CacheRecord.View(raw) else { return nil }
                    let newAccess = max(view.lastAccessMs, access.lastAccessMs)
                    return (view.withAccess(hitCount: view.hitCount + access.hits, lastAccessMs: newAccess), view.lastAccessMs, newAccess)
                }
            }
            guard let update = update ?? nil else { continue }
            try txn.put(databases.entries, key: keyBytes, value: update.record)
            if update.newAccess != update.oldAccess {
                try txn.delete(databases.lru, key: Self.indexKey(update.oldAccess, keyBytes))
                try txn.put(databases.lru, key: Self.indexKey(update.newAccess, keyBytes), value: [])
            }
        }
        for key in batch.corrupt {
            let keyBytes = key.bytes
            let stillCorrupt = try withBytes(keyBytes) { (keyBytes) throws(LMDBError) in
                try txn.withValue(databases.entries, key: keyBytes) { raw in (try? CacheRecord.View(raw)) == nil }
            }
            if stillCorrupt == true { try deleteEntry(keyBytes, txn, total: &total) }
        }
        if batch.lookupHits != 0 {
            let hits = try Self.counter(txn, databases.meta, MetaKey.lookupHits) ?? 0
            try Self.setCounter(txn, databases.meta, MetaKey.lookupHits, hits + batch.lookupHits)
        }
        if batch.lookupMisses != 0 {
            let misses = try Self.counter(txn, databases.meta, MetaKey.lookupMisses) ?? 0
            try Self.setCounter(txn, databases.meta, MetaKey.lookupMisses, misses + batch.lookupMisses)
        }
    }
}
