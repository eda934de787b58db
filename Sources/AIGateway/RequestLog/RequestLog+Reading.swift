extension RequestLog {
    /// Visits the stored records matching `query` in time order until `body` returns false.
    /// ``RequestLogQuery/limit`` is not applied here.
    ///
    /// Safe while a gateway in another process writes: one read transaction, one consistent
    /// snapshot holding everything its last flush committed; LMDB readers never block the writer.
    /// Within one process, open the writer first (see ``UsageLedger/read(storePath:filter:)``).
    public static func scan(
        storePath: String,
        query: RequestLogQuery,
        reverse: Bool = false,
        _ body: (RequestLogCursor, RequestLogEntry) -> Bool
    ) throws(LedgerError) {
        do throws(LMDBError) {
            _ = try LMDBEnvironment.withReadTransaction(path: storePath, database: databaseName) { (database, txn) throws(LMDBError) in
                try txn.scan(database, range: query.keyRange, reverse: reverse) { key, value in
                    // Records of another format version are not this reader's.
                    guard let cursor = RequestLogCursor(bytes: key), let entry = RequestLogEntry(encoded: value),
                          query.matches(entry) else { return true }
                    return body(cursor, entry)
                }
            }
        } catch {
            throw LedgerError(error)
        }
    }

    /// The records matching `query`, oldest first, at most ``RequestLogQuery/limit`` of them.
    public static func read(storePath: String, query: RequestLogQuery) throws(LedgerError) -> [(cursor: RequestLogCursor, entry: RequestLogEntry)] {
        var records: [(cursor: RequestLogCursor, entry: RequestLogEntry)] = []
        let limit = query.limit ?? .max
        guard limit > 0 else { return [] }
        try scan(storePath: storePath, query: query, reverse: query.newest && query.limit != nil) { cursor, entry in
            records.append((cursor, entry))
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
