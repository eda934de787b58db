import Logging

extension RequestLog {
    /// Appends `batch` and prunes by ``retention`` in one write transaction.
    ///
    /// Pruning runs only with something to write: an idle gateway leaves the log as it is, and
    /// the next request catches up (at most ``RequestLogRetention/maxDeletionsPerFlush`` per flush).
    func write(_ batch: [(cursor: RequestLogCursor, entry: RequestLogEntry)]) throws(LedgerError) {
        guard !batch.isEmpty else { return }
        let rows = batch.map { (key: $0.cursor.bytes, value: $0.entry.encoded) }
        let ageCutoff = retention.maxAge.map { RequestLogCursor(timeMs: clock() - $0.milliseconds).bytes }
        var pruned = 0
        do throws(LMDBError) {
            try environment.withTransaction(.write) { (txn) throws(LMDBError) in
                for row in rows { try txn.put(database, key: row.key, value: row.value) }
                pruned = try prune(txn, olderThan: ageCutoff)
            }
        } catch {
            throw LedgerError(error)
        }
        if pruned > 0 { logger.debug("request_log.pruned", metadata: ["request_log.records": "\(pruned)"]) }
    }

    /// Deletes from the front: records whose key sorts below `ageCutoff`, and the oldest beyond
    /// ``RequestLogRetention/maxRecords``. Returns how many went.
    private func prune(_ txn: borrowing LMDBTransaction, olderThan ageCutoff: [UInt8]?) throws(LMDBError) -> Int {
        var excess = 0
        if let maxRecords = retention.maxRecords { excess = max(0, try txn.count(database) - maxRecords) }
        let limit = retention.maxDeletionsPerFlush
        var victims: [[UInt8]] = []
        try txn.scan(database) { key, _ in
            guard victims.count < limit else { return false }
            let tooOld = ageCutoff.map { LMDBTransaction.compare(key, $0) < 0 } ?? false
            guard tooOld || victims.count < excess else { return false }
            victims.append(Array(key))
            return true
        }
        for key in victims { try txn.delete(database, key: key) }
        return victims.count
    }
}
