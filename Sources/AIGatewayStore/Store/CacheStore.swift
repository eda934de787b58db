import AIGatewayCore
import Synchronization

/// The response cache: entries keyed by ``CacheKey`` in an LMDB environment.
///
/// Lookups use one read transaction and never write: hit counts and access times are kept in
/// memory and written in batches (on ``flush()``, on the next ``put(_:)``, every
/// ``accessBatchLimit`` hits, and on ``close()``). Several stores, in this process or others, may
/// share a directory; call ``close()`` when done.
///
/// Checked `Sendable`, not `@unchecked`: every stored property is immutable and `Sendable` — the
/// C handle and its thread rules are encapsulated (and argued) in `LMDBEnvironment`, and the
/// pending-access batch lives in a `Mutex`.
public final class CacheStore: Sendable {
    public let path: String
    public let options: StoreOptions
    let environment: LMDBEnvironment
    let databases: Databases
    private let state = Mutex(State())

    /// Record format version lives in each record; this is the layout of databases and meta keys.
    static let schemaVersion: Int64 = 1
    static let accessBatchLimit = 1000
    /// Beyond this many unflushed keys (a flush keeps failing), further hits are not counted.
    static let pendingLimit = 100_000
    static let deleteBatchSize = 10_000

    struct Databases: Sendable {
        /// 16-byte key → ``CacheRecord``.
        let entries: LMDBDatabase
        /// expiresAt (8 bytes, order-preserving) ‖ key → empty.
        let expiry: LMDBDatabase
        /// lastAccess (8 bytes, order-preserving) ‖ key → empty.
        let lru: LMDBDatabase
        /// ASCII name → 8-byte big-endian integer.
        let meta: LMDBDatabase
    }

    struct PendingAccess: Sendable {
        var hits: Int64 = 0
        var lastAccessMs: Int64 = .min
    }

    struct PendingBatch: Sendable {
        var accesses: [CacheKey: PendingAccess] = [:]
        var lookupHits: Int64 = 0
        var lookupMisses: Int64 = 0
        var corrupt: Set<CacheKey> = []

        var isEmpty: Bool { accesses.isEmpty && lookupHits == 0 && lookupMisses == 0 && corrupt.isEmpty }

        mutating func merge(_ other: PendingBatch) {
            for (key, access) in other.accesses {
                accesses[key, default: PendingAccess()].hits += access.hits
                accesses[key, default: PendingAccess()].lastAccessMs = max(accesses[key]!.lastAccessMs, access.lastAccessMs)
            }
            lookupHits += other.lookupHits
            lookupMisses += other.lookupMisses
            corrupt.formUnion(other.corrupt)
        }
    }

    private struct State: Sendable {
        var closed = false
        var pending = PendingBatch()
    }

    /// Opens (creating unless read-only) the store in directory `path`.
    public init(path: String, options: StoreOptions = .init()) throws(StoreError) {
        self.path = path
        self.options = options
        let environment: LMDBEnvironment
        do {
            environment = try LMDBEnvironment.open(path: path, configuration: options.lmdbConfiguration)
        } catch {
            throw StoreError(error)
        }
        self.environment = environment
        do throws(LMDBError) {
            let create = !options.readOnly
            databases = Databases(
                entries: try environment.database("entries", create: create),
                expiry: try environment.database("expiry", create: create),
                lru: try environment.database("lru", create: create),
                meta: try environment.database("meta", create: create)
            )
        } catch {
            environment.close()
            if case .databaseNotFound = error { throw StoreError.noStore(path) }
            throw StoreError(error)
        }
        do {
            try checkSchema()
        } catch {
            environment.close()
            state.withLock { $0.closed = true }
            throw error
        }
    }

    deinit {
        assert(state.withLock { $0.closed }, "CacheStore at \(path) deinitialised without close()")
    }

    private func checkSchema() throws(StoreError) {
        let found: Int64?
        do {
            found = try environment.withTransaction(options.readOnly ? .read : .write) { (txn) throws(LMDBError) -> Int64? in
                let stored = try Self.counter(txn, databases.meta, MetaKey.schema)
                if stored == nil && txn.isWrite {
                    try Self.setCounter(txn, databases.meta, MetaKey.schema, Self.schemaVersion)
                    try Self.setCounter(txn, databases.meta, MetaKey.recordBytes, 0)
                }
                return stored
            }
        } catch {
            throw StoreError(error)
        }
        if let found, found > Self.schemaVersion {
            throw StoreError.unsupportedSchema(found: Int(found), supported: Int(Self.schemaVersion))
        }
    }

    /// Flushes pending access updates and releases the environment. Further calls throw `.closed`.
    public func close() {
        let batch = state.withLock { (state) -> PendingBatch? in
            guard !state.closed else { return nil }
            state.closed = true
            defer { state.pending = PendingBatch() }
            return state.pending
        }
        guard let batch else { return }
        if !options.readOnly && !batch.isEmpty {
            try? write(batch)
        }
        environment.close()
    }

    func ensureOpen() throws(StoreError) {
        if state.withLock({ $0.closed }) { throw StoreError.closed }
    }

    func ensureWritable() throws(StoreError) {
        try ensureOpen()
        if options.readOnly { throw StoreError.readOnly(path) }
    }

    // MARK: Lookup

    /// Finds the entry for `key` if it is present, intact, unexpired, no older than `maxAge`,
    /// and was stored for exactly `document`.
    ///
    /// A hit is counted in the store's statistics; a miss only with `countingMiss`, so that a
    /// caller that looks again for the same request (after winning a single flight, say) counts
    /// one lookup per request, as `aigw cache stats` reports them.
    public func lookup(_ key: CacheKey, document: [UInt8], maxAge: Duration? = nil,
                       countingMiss: Bool = true) throws(StoreError) -> LookupResult {
        try ensureOpen()
        let now = options.clock()
        let result: LookupResult
        do {
            result = try environment.withTransaction(.read) { (txn) throws(LMDBError) -> LookupResult in
                try withKeyBytes(key) { (keyBytes) throws(LMDBError) -> LookupResult in
                    try txn.withValue(databases.entries, key: keyBytes) { raw in
                        Self.evaluate(raw, key: key, document: document, now: now, maxAge: maxAge)
                    } ?? .miss(.notFound)
                }
            }
        } catch {
            throw StoreError(error)
        }
        return record(result, key: key, now: now, countingMiss: countingMiss)
    }

    private static func evaluate(
        _ raw: UnsafeRawBufferPointer, key: CacheKey, document: [UInt8], now: Int64, maxAge: Duration?
    ) -> LookupResult {
        let view: CacheRecord.View
        do {
            view = try CacheRecord.View(raw)
        } catch {
            return .miss(.corrupt(error.reason))
        }
        guard view.documentEquals(document) else { return .miss(.documentMismatch) }
        if let expiresAtMs = view.expiresAtMs, now >= expiresAtMs { return .miss(.expired) }
        if let maxAge, now - view.createdAtMs > maxAge.milliseconds { return .miss(.tooOld(maxAge: maxAge)) }
        do {
            return .hit(try view.entry(key: key))
        } catch {
            return .miss(.corrupt(error.reason))
        }
    }

    /// Counts the lookup in memory; a hit's entry shows its counts including unflushed hits.
    private func record(_ result: LookupResult, key: CacheKey, now: Int64, countingMiss: Bool) -> LookupResult {
        let countAccess = !options.readOnly
        let (pendingHits, shouldFlush) = state.withLock { (state) -> (Int64, Bool) in
            switch result {
            case .hit:
                state.pending.lookupHits += 1
                guard countAccess, state.pending.accesses.count < Self.pendingLimit || state.pending.accesses[key] != nil else {
                    return (1, false)
                }
                var access = state.pending.accesses[key, default: PendingAccess()]
                access.hits += 1
                access.lastAccessMs = max(access.lastAccessMs, now)
                state.pending.accesses[key] = access
                return (access.hits, state.pending.accesses.count >= Self.accessBatchLimit)
            case .miss(let reason):
                if countingMiss { state.pending.lookupMisses += 1 }
                if case .corrupt = reason, countAccess { state.pending.corrupt.insert(key) }
                return (0, false)
            }
        }
        if shouldFlush {
            // Hit counts are advisory: a failed batch goes back to the queue and the hit still counts.
            try? flush()
        }
        guard case .hit(var entry) = result else { return result }
        entry.hitCount += pendingHits
        entry.lastAccessMs = max(entry.lastAccessMs, now)
        return .hit(entry)
    }

    /// The stored entry as it is, expired or not, with unflushed hits counted; nil if absent.
    /// Throws ``StoreError/corruptEntry(_:reason:)`` for a record that cannot be decoded.
    public func entry(_ key: CacheKey) throws(StoreError) -> CacheEntry? {
        try ensureOpen()
        let decoded: Result<CacheEntry, CacheRecord.DecodeError>?
        do {
            decoded = try environment.withTransaction(.read) { (txn) throws(LMDBError) in
                try withKeyBytes(key) { (keyBytes) throws(LMDBError) in
                    try txn.withValue(databases.entries, key: keyBytes) { raw in
                        Result { () throws(CacheRecord.DecodeError) in try CacheRecord.View(raw).entry(key: key) }
                    }
                }
            }
        } catch {
            throw StoreError(error)
        }
        switch decoded {
        case nil:
            return nil
        case .failure(let error):
            throw StoreError.corruptEntry(key, reason: error.reason)
        case .success(var entry):
            entry = withPendingAccess(entry)
            return entry
        }
    }

    func withPendingAccess(_ entry: CacheEntry) -> CacheEntry {
        guard let access = state.withLock({ $0.pending.accesses[entry.key] }) else { return entry }
        var entry = entry
        entry.hitCount += access.hits
        entry.lastAccessMs = max(entry.lastAccessMs, access.lastAccessMs)
        return entry
    }

    // MARK: Writes

    /// Stores `entry`, replacing any entry under its key. Its `lastAccessMs` becomes now, and
    /// without `expiresAtMs` it gets the default TTL. Evicts least recently used entries when the
    /// records exceed `maxBytes`, or when the map is at its maximum size.
    public func put(_ entry: CacheEntry) throws(StoreError) {
        try put(contentsOf: [entry])
    }

    /// Stores several entries in one write transaction (one commit, one sync): for imports and
    /// bulk loads, where a commit per entry would spend its time in fsync. All or none land.
    public func put(contentsOf entries: [CacheEntry]) throws(StoreError) {
        try ensureWritable()
        guard !entries.isEmpty else { return }
        let now = options.clock()
        let prepared = entries.map { entry in
            var stored = entry
            stored.lastAccessMs = now
            if stored.expiresAtMs == nil, let ttl = options.defaultTTL {
                stored.expiresAtMs = stored.createdAtMs + ttl.milliseconds
            }
            return (entry: stored, record: CacheRecord.encode(stored))
        }
        try makeRoomIfMapIsAtMaximum(for: prepared.reduce(0) { $0 + $1.record.count }, now: now)
        let batch = takePending()
        let newest = prepared[prepared.count - 1].entry.key
        // At the maximum map size: evict a growing share by LRU, each in its own commit so
        // the freed pages are reusable, then try again.
        for attempt in 0...4 {
            do {
                try environment.withTransaction(.write) { (txn) throws(LMDBError) in
                    var total = try Self.counter(txn, databases.meta, MetaKey.recordBytes) ?? 0
                    try apply(batch, txn, total: &total)
                    for (stored, record) in prepared {
                        try insert(record, of: stored, txn, total: &total)
                    }
                    if total > Int64(options.maxBytes) {
                        try evict(txn, downTo: Int64(options.maxBytes) / 10 * 9, keeping: newest, total: &total)
                    }
                    try Self.setCounter(txn, databases.meta, MetaKey.recordBytes, total)
                }
                return
            } catch .mapAtMaximum where attempt < 4 {
                do {
                    try evictForSpace(keepingFraction: 3 - attempt, now: now)
                } catch .mapAtMaximum {
                    continue
                } catch {
                    restore(batch)
                    throw StoreError(error)
                }
            } catch {
                restore(batch)
                throw StoreError(error)
            }
        }
    }

    /// At the maximum map size, keeps a fifth of the map free by evicting before writing: a
    /// completely full map cannot even delete (deleting copies pages on write).
    private func makeRoomIfMapIsAtMaximum(for recordCount: Int, now: Int64) throws(StoreError) {
        let maximum = environment.configuration.maxMapSize
        guard environment.mapSize >= maximum else { return }
        do {
            for _ in 0..<4 {
                let used = try environment.usedBytes()
                guard used + 2 * recordCount > maximum / 5 * 4 else { return }
                try evictForSpace(keepingFraction: 3, now: now)
            }
        } catch {
            throw StoreError(error)
        }
    }

    /// Evicts least recently used entries down to `keepingFraction` quarters of the record bytes.
    private func evictForSpace(keepingFraction quarters: Int, now: Int64) throws(LMDBError) {
        try environment.withTransaction(.write) { (txn) throws(LMDBError) in
            var total = try Self.counter(txn, databases.meta, MetaKey.recordBytes) ?? 0
            try evict(txn, downTo: total / 4 * Int64(quarters), keeping: nil, total: &total)
            try Self.setCounter(txn, databases.meta, MetaKey.recordBytes, total)
        }
        // LMDB reuses pages freed by a commit only after a later commit (the previous snapshot
        // stays readable), so make one before the space is needed.
        try environment.withTransaction(.write) { (txn) throws(LMDBError) in
            try Self.setCounter(txn, databases.meta, MetaKey.lastEvictionMs, now)
        }
    }

    /// Deletes the entry under `key`; false if there was none.
    @discardableResult
    public func remove(_ key: CacheKey) throws(StoreError) -> Bool {
        try ensureWritable()
        state.withLock { _ = $0.pending.accesses.removeValue(forKey: key) }
        do {
            return try environment.withTransaction(.write) { (txn) throws(LMDBError) -> Bool in
                var total = try Self.counter(txn, databases.meta, MetaKey.recordBytes) ?? 0
                let removed = try deleteEntry(key.bytes, txn, total: &total)
                try Self.setCounter(txn, databases.meta, MetaKey.recordBytes, total)
                return removed
            }
        } catch {
            throw StoreError(error)
        }
    }

    /// Writes pending hit counts, access times and lookup counters, and deletes records that
    /// lookups found corrupt.
    public func flush() throws(StoreError) {
        try ensureOpen()
        guard !options.readOnly else { return }
        let batch = takePending()
        guard !batch.isEmpty else { return }
        do {
            try write(batch)
        } catch {
            restore(batch)
            throw StoreError(error)
        }
    }

    private func write(_ batch: PendingBatch) throws(LMDBError) {
        try environment.withTransaction(.write) { (txn) throws(LMDBError) in
            var total = try Self.counter(txn, databases.meta, MetaKey.recordBytes) ?? 0
            try apply(batch, txn, total: &total)
            try Self.setCounter(txn, databases.meta, MetaKey.recordBytes, total)
        }
    }

    func takePending() -> PendingBatch {
        state.withLock { state in
            defer { state.pending = PendingBatch() }
            return state.pending
        }
    }

    func restore(_ batch: PendingBatch) {
        state.withLock { $0.pending.merge(batch) }
    }

    func pendingSnapshot() -> PendingBatch {
        state.withLock { $0.pending }
    }
}

/// Calls `body` with the key's 16 big-endian bytes, without allocating.
@inline(__always)
func withKeyBytes<R>(_ key: CacheKey, _ body: (UnsafeRawBufferPointer) throws(LMDBError) -> R) throws(LMDBError) -> R {
    var bytes = (key.high.bigEndian, key.low.bigEndian)
    return try withUnsafeBytes(of: &bytes) { (buffer) throws(LMDBError) in try body(buffer) }
}
