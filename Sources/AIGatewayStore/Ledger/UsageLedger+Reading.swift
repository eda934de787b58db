extension UsageLedger {
    /// The stored rows matching `filter`, in key order (day, tenant, user, agent, model, provider).
    ///
    /// Safe from another process while a gateway writes: it opens the environment read-only
    /// (sharing this process's handle if one is open) and reads one consistent snapshot, which
    /// holds everything committed by the gateway's last flush, not what is still pending.
    ///
    /// Within one process, open the writer (``UsageLedger`` or ``CacheStore``) before reading:
    /// while this call holds a read-only handle, a writable open of the same path here fails.
    public static func read(storePath: String, filter: LedgerFilter = LedgerFilter()) throws(LedgerError) -> [(key: LedgerKey, counters: LedgerCounters)] {
        do throws(LMDBError) {
            let rows = try LMDBEnvironment.withReadTransaction(path: storePath, database: databaseName) { (database, txn) throws(LMDBError) in
                var rows: [(key: LedgerKey, counters: LedgerCounters)] = []
                try txn.scan(database, range: filter.keyRange) { keyBytes, valueBytes in
                    // Rows of another layout version, or unreadable ones, are not this reader's.
                    guard let key = LedgerKey(encoded: keyBytes), filter.matches(key),
                          let counters = LedgerCounters(encoded: valueBytes) else { return true }
                    rows.append((key: key, counters: counters))
                    return true
                }
                return rows
            }
            return rows ?? []
        } catch {
            throw LedgerError(error)
        }
    }

    /// The rows this ledger has written, matching `filter` (pending events are not included).
    public func read(filter: LedgerFilter = LedgerFilter()) throws(LedgerError) -> [(key: LedgerKey, counters: LedgerCounters)] {
        try Self.read(storePath: storePath, filter: filter)
    }
}
