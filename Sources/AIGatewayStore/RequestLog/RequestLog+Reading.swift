extension RequestLog {
    /// Visits the stored records matching `query` in time order (or reverse) until `body` returns
    /// false. ``RequestLogQuery/limit`` is not applied here.
    ///
    /// Safe while a gateway in another process writes; LMDB readers never block the writer. The
    /// scan runs in read transactions of at most ``scanChunk`` records each, resuming after the
    /// last key: a snapshot pins the pages it sees, so one long transaction over a million records
    /// would keep the writer from reusing the pages it frees meanwhile and grow the file. Records
    /// only ever append (after the last key) or go from the front, so the chunks see each record
    /// at most once. Within one process, open the writer first (see
    /// ``UsageLedger/read(storePath:filter:)``).
    public static func scan(
        storePath: String,
        query: RequestLogQuery,
        reverse: Bool = false,
        _ body: (RequestLogCursor, RequestLogEntry) -> Bool
    ) throws(LedgerError) {
        try scan(storePath: storePath, query: query, reverse: reverse, chunk: scanChunk, body)
    }

    /// ``scan(storePath:query:reverse:_:)`` with `chunk` records per read transaction.
    static func scan(
        storePath: String,
        query: RequestLogQuery,
        reverse: Bool,
        chunk: Int,
        _ body: (RequestLogCursor, RequestLogEntry) -> Bool
    ) throws(LedgerError) {
        do throws(LMDBError) {
            _ = try LMDBEnvironment.withReadOnlyDatabase(path: storePath, database: databaseName) { (environment, database) throws(LMDBError) in
                var range = query.keyRange
                while true {
                    var visited = 0
                    var last: [UInt8]?
                    var stopped = false
                    try environment.withTransaction(.read) { (txn) throws(LMDBError) in
                        try txn.scan(database, range: range, reverse: reverse) { key, value in
                            visited += 1
                            // Records of another format version are not this reader's.
                            if let cursor = RequestLogCursor(bytes: key), let entry = RequestLogEntry(encoded: value),
                               query.matches(entry), !body(cursor, entry) {
                                stopped = true
                                return false
                            }
                            guard visited < chunk else {
                                last = Array(key)
                                return false
                            }
                            return true
                        }
                    }
                    guard !stopped, let last else { break }
                    // Resume past the last key visited: below it in reverse, after it forwards.
                    if reverse { range.upper = last } else { range.lower = last + [0] }
                }
            }
        } catch {
            throw LedgerError(error)
        }
    }

    /// Records visited per read transaction of ``scan(storePath:query:reverse:_:)``.
    static let scanChunk = 10_000

    /// The records matching `query`, oldest first, at most ``RequestLogQuery/limit`` of them.
    public static func read(storePath: String, query: RequestLogQuery) throws(LedgerError) -> [LoggedRequest] {
        var records: [LoggedRequest] = []
        let limit = query.limit ?? .max
        guard limit > 0 else { return [] }
        try scan(storePath: storePath, query: query, reverse: query.newest && query.limit != nil) { cursor, entry in
            records.append(LoggedRequest(cursor: cursor, entry: entry))
            return records.count < limit
        }
        return query.newest && query.limit != nil ? Array(records.reversed()) : records
    }

    /// How many records the log holds (0 when it was never written).
    public static func count(storePath: String) throws(LedgerError) -> Int {
        do throws(LMDBError) {
            return try LMDBEnvironment.withReadTransaction(path: storePath, database: databaseName) { (database, txn) throws(LMDBError) in
                try txn.count(database)
            } ?? 0
        } catch {
            throw LedgerError(error)
        }
    }
}
