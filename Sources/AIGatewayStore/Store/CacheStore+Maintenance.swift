import AIGatewayCore

/// Bulk operations for the `aigw cache` commands and background sweeps. Deletions run in
/// batches of ``CacheStore/deleteBatchSize`` per write transaction, so a large purge never holds
/// the single writer lock for long or builds one huge transaction.
extension CacheStore {
    /// Deletes entries created more than `olderThan` ago (all ages if nil) belonging to `tenant`
    /// (all tenants if nil); returns how many. `progress` gets the running count after each batch.
    /// With neither filter, undecodable records go too; with a filter they are left for lookups.
    public func purge(olderThan: Duration? = nil, tenant: String? = nil, progress: ((Int) -> Void)? = nil) throws(StoreError) -> Int {
        try ensureWritable()
        try flush()
        let cutoff = olderThan.map { options.clock() - $0.milliseconds }
        var removed = 0
        var resume: [UInt8]?
        repeat {
            let batch: (removed: Int, next: [UInt8]?)
            do {
                batch = try environment.withTransaction(.write) { (txn) throws(LMDBError) in
                    var victims: [[UInt8]] = []
                    var next: [UInt8]?
                    try txn.scan(databases.entries, range: LMDBKeyRange(lower: resume, upper: nil)) { key, value in
                        guard victims.count < Self.deleteBatchSize else {
                            next = Array(key)
                            return false
                        }
                        let matches: Bool
                        if let view = try? CacheRecord.View(value) {
                            matches = (cutoff.map { view.createdAtMs < $0 } ?? true)
                                && (tenant.map { view.bytes(.tenant).elementsEqual($0.utf8) } ?? true)
                        } else {
                            matches = cutoff == nil && tenant == nil
                        }
                        if matches { victims.append(Array(key)) }
                        return true
                    }
                    var total = try Self.counter(txn, databases.meta, MetaKey.recordBytes) ?? 0
                    for key in victims { try deleteEntry(key, txn, total: &total) }
                    try Self.setCounter(txn, databases.meta, MetaKey.recordBytes, total)
                    return (victims.count, next)
                }
            } catch {
                throw StoreError(error)
            }
            removed += batch.removed
            if batch.removed > 0 { progress?(removed) }
            resume = batch.next
        } while resume != nil
        return removed
    }

    /// Deletes every entry whose expiry time has passed; returns how many.
    public func sweepExpired() throws(StoreError) -> Int {
        try ensureWritable()
        try flush()
        let now = options.clock()
        var upper: [UInt8] = []
        appendBigEndian(Self.timePrefix(now &+ 1), to: &upper)
        var removed = 0
        while true {
            let batch: (removed: Int, rows: Int)
            do {
                batch = try environment.withTransaction(.write) { (txn) throws(LMDBError) in
                    var victims: [[UInt8]] = []
                    var orphans: [[UInt8]] = []
                    try txn.scan(databases.expiry, range: LMDBKeyRange(lower: nil, upper: upper)) { (row, _) throws(LMDBError) -> Bool in
                        switch try indexRowState(row, in: txn, time: { $0.expiresAtMs }) {
                        case .current: victims.append(Array(row[8...]))
                        case .orphan: orphans.append(Array(row))
                        }
                        return victims.count + orphans.count < Self.deleteBatchSize
                    }
                    var total = try Self.counter(txn, databases.meta, MetaKey.recordBytes) ?? 0
                    for row in orphans { try txn.delete(databases.expiry, key: row) }
                    for key in victims { try deleteEntry(key, txn, total: &total) }
                    try Self.setCounter(txn, databases.meta, MetaKey.recordBytes, total)
                    return (victims.count, victims.count + orphans.count)
                }
            } catch {
                throw StoreError(error)
            }
            removed += batch.removed
            if batch.rows < Self.deleteBatchSize { return removed }
        }
    }

    /// Entries newest first (by `createdAtMs`), optionally of one tenant, at most `limit`.
    /// Undecodable records are skipped (``stats()`` counts them).
    public func list(limit: Int? = nil, tenant: String? = nil) throws(StoreError) -> [CacheEntry] {
        try ensureOpen()
        do {
            let entries = try environment.withTransaction(.read) { (txn) throws(LMDBError) -> [CacheEntry] in
                var found: [(createdAtMs: Int64, key: CacheKey)] = []
                try txn.scan(databases.entries) { key, value in
                    if let view = try? CacheRecord.View(value),
                       tenant.map({ view.bytes(.tenant).elementsEqual($0.utf8) }) ?? true,
                       let cacheKey = CacheKey(bytes: key) {
                        found.append((view.createdAtMs, cacheKey))
                    }
                    return true
                }
                found.sort { ($0.createdAtMs, $0.key) > ($1.createdAtMs, $1.key) }
                var entries: [CacheEntry] = []
                for (_, key) in found.prefix(limit ?? found.count) {
                    let entry = try withKeyBytes(key) { (keyBytes) throws(LMDBError) in
                        try txn.withValue(databases.entries, key: keyBytes) { raw in
                            try? CacheRecord.View(raw).entry(key: key)
                        }
                    }
                    if let entry = entry ?? nil { entries.append(entry) }
                }
                return entries
            }
            return entries.map(withPendingAccess)
        } catch {
            throw StoreError(error)
        }
    }

    /// Counts over every record (one read transaction), plus this process's unflushed counters.
    public func stats() throws(StoreError) -> StoreStats {
        try ensureOpen()
        let now = options.clock()
        var stats: StoreStats
        do {
            stats = try environment.withTransaction(.read) { (txn) throws(LMDBError) -> StoreStats in
                var stats = StoreStats(
                    entries: try txn.count(databases.entries),
                    recordBytes: try Self.counter(txn, databases.meta, MetaKey.recordBytes) ?? 0,
                    mapSizeBytes: environment.mapSize,
                    fileSizeBytes: environment.fileSize,
                    totalHits: 0,
                    lookupHits: try Self.counter(txn, databases.meta, MetaKey.lookupHits) ?? 0,
                    lookupMisses: try Self.counter(txn, databases.meta, MetaKey.lookupMisses) ?? 0,
                    oldestCreatedAtMs: nil,
                    newestCreatedAtMs: nil,
                    expiredEntries: 0,
                    corruptEntries: 0,
                    tenants: [],
                    topModels: []
                )
                var tenants: [String: StoreStats.TenantStats] = [:]
                var models: [String: StoreStats.ModelStats] = [:]
                var tenantModels: [String: [String: StoreStats.ModelStats]] = [:]
                try txn.scan(databases.entries) { _, value in
                    guard let view = try? CacheRecord.View(value) else {
                        stats.corruptEntries += 1
                        return true
                    }
                    stats.totalHits += view.hitCount
                    stats.oldestCreatedAtMs = min(stats.oldestCreatedAtMs ?? .max, view.createdAtMs)
                    stats.newestCreatedAtMs = max(stats.newestCreatedAtMs ?? .min, view.createdAtMs)
                    if let expiresAtMs = view.expiresAtMs, now >= expiresAtMs { stats.expiredEntries += 1 }
                    let tenant = view.string(.tenant)
                    var tenantStats = tenants[tenant] ?? .init(tenant: tenant, entries: 0, recordBytes: 0)
                    tenantStats.entries += 1
                    tenantStats.recordBytes += Self.recordCost(value.count)
                    tenantStats.hits += view.hitCount
                    tenantStats.oldestCreatedAtMs = min(tenantStats.oldestCreatedAtMs ?? .max, view.createdAtMs)
                    tenantStats.newestCreatedAtMs = max(tenantStats.newestCreatedAtMs ?? .min, view.createdAtMs)
                    tenants[tenant] = tenantStats
                    let provider = view.string(.provider)
                    let model = view.string(.model)
                    let modelKey = provider + "\u{0}" + model
                    models[modelKey, default: .init(provider: provider, model: model, entries: 0)].entries += 1
                    tenantModels[tenant, default: [:]][modelKey, default: .init(provider: provider, model: model, entries: 0)].entries += 1
                    return true
                }
                stats.tenants = tenants.values.sorted { ($0.recordBytes, $1.tenant) > ($1.recordBytes, $0.tenant) }.map { tenant in
                    var tenant = tenant
                    tenant.topModels = Array(Self.mostEntriesFirst(Array(tenantModels[tenant.tenant, default: [:]].values)).prefix(3))
                    return tenant
                }
                stats.topModels = Array(Self.mostEntriesFirst(models.values).prefix(10))
                return stats
            }
        } catch {
            throw StoreError(error)
        }
        let pending = pendingSnapshot()
        stats.lookupHits += pending.lookupHits
        stats.lookupMisses += pending.lookupMisses
        stats.totalHits += pending.accesses.values.reduce(0) { $0 + $1.hits }
        return stats
    }

    private static func mostEntriesFirst(_ models: some Sequence<StoreStats.ModelStats>) -> [StoreStats.ModelStats] {
        models.sorted { ($0.entries, $1.model) > ($1.entries, $0.model) }
    }
}
