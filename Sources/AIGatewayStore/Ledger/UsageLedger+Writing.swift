import Logging

extension UsageLedger {
    /// Adds `batch` to the stored rows in one write transaction; returns the rows written.
    ///
    /// Rows whose stored value this version cannot read (a newer format) are left untouched and
    /// their deltas dropped with an error log: overwriting would destroy the newer data.
    func write(_ batch: [LedgerKey: LedgerCounters]) throws(LedgerError) -> Int {
        // Distinct keys can encode alike (over-long fields are truncated), so merge by stored key;
        // sorted, so the B-tree is walked in order.
        var rows: [[UInt8]: LedgerCounters] = [:]
        for (key, counters) in batch {
            let encoded = key.encoded
            rows[encoded] = rows[encoded].map { $0.adding(counters) ?? $0 } ?? counters
        }
        let ordered = rows.sorted { $0.key.lexicographicallyPrecedes($1.key) }
        var unreadable = 0
        var overflowed = 0
        do throws(LMDBError) {
            try environment.withTransaction(.write) { (txn) throws(LMDBError) in
                // The body reruns from scratch if the map had to grow.
                unreadable = 0
                overflowed = 0
                for (key, delta) in ordered {
                    var total = delta
                    if let stored = try txn.get(database, key: key) {
                        guard let previous = stored.withUnsafeBytes({ LedgerCounters(encoded: $0) }) else {
                            unreadable += 1
                            continue
                        }
                        guard let sum = previous.adding(delta) else {
                            overflowed += 1
                            continue
                        }
                        total = sum
                    }
                    try txn.put(database, key: key, value: total.encoded)
                }
            }
        } catch {
            throw LedgerError(error)
        }
        if unreadable > 0 || overflowed > 0 {
            logger.error("ledger.rows_skipped", metadata: ["ledger.unreadable": "\(unreadable)", "ledger.overflowed": "\(overflowed)"])
        }
        return ordered.count - unreadable - overflowed
    }
}
