/// Figures about a store, from one read transaction plus this process's unflushed counters.
public struct StoreStats: Sendable, Equatable {
    public struct TenantStats: Sendable, Equatable {
        public var tenant: String
        public var entries: Int
        public var recordBytes: Int64
        /// Hits served from this tenant's stored entries (as flushed to the store).
        public var hits: Int64 = 0
        public var oldestCreatedAtMs: Int64?
        public var newestCreatedAtMs: Int64?
        /// This tenant's models with the most entries, at most three.
        public var topModels: [ModelStats] = []
    }

    public struct ModelStats: Sendable, Equatable {
        public var provider: String
        public var model: String
        public var entries: Int
    }

    public var entries: Int
    /// Keys plus values of the `entries` database: what `maxBytes` caps.
    public var recordBytes: Int64
    public var mapSizeBytes: Int
    public var fileSizeBytes: Int64
    public var totalHits: Int64
    public var lookupHits: Int64
    public var lookupMisses: Int64
    public var oldestCreatedAtMs: Int64?
    public var newestCreatedAtMs: Int64?
    public var expiredEntries: Int
    public var corruptEntries: Int
    /// Largest first.
    public var tenants: [TenantStats]
    /// Most entries first, at most ten.
    public var topModels: [ModelStats]
}
