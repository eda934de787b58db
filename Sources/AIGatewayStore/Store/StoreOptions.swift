import Foundation

/// How a ``CacheStore`` opens its directory and manages its entries.
public struct StoreOptions: Sendable {
    public enum Durability: Sendable, Equatable {
        /// The default (`MDB_NOMETASYNC`): a process crash loses nothing committed; a system crash
        /// may undo the last commit but never breaks the store's integrity.
        case processCrashSafe
        /// Every commit is synced to disk before it returns: slower, survives a system crash.
        case fullSync
    }

    /// Applied to entries put without `expiresAtMs`, counted from their `createdAtMs`.
    /// nil: such entries never expire.
    public var defaultTTL: Duration? = .seconds(30 * 24 * 3600)
    /// Cap on stored record bytes (keys plus values of the `entries` database); above it the
    /// least recently used entries are evicted down to 90% of the cap.
    public var maxBytes: Int = 2 << 30
    public var initialMapSize: Int = 64 << 20
    /// The map grows up to this much address space, then the store evicts instead.
    public var maxMapSize: Int = 1 << 40
    /// Open with `MDB_RDONLY`: for inspecting commands; writes throw ``StoreError/readOnly(_:)``.
    public var readOnly: Bool = false
    public var durability: Durability = .processCrashSafe
    /// Milliseconds since 1970.
    public var clock: @Sendable () -> Int64 = { Int64((Date().timeIntervalSince1970 * 1000).rounded(.down)) }

    public init() {}

    public init(
        defaultTTL: Duration? = .seconds(30 * 24 * 3600),
        maxBytes: Int = 2 << 30,
        initialMapSize: Int = 64 << 20,
        maxMapSize: Int = 1 << 40,
        readOnly: Bool = false,
        durability: Durability = .processCrashSafe,
        clock: (@Sendable () -> Int64)? = nil
    ) {
        self.defaultTTL = defaultTTL
        self.maxBytes = maxBytes
        self.initialMapSize = initialMapSize
        self.maxMapSize = maxMapSize
        self.readOnly = readOnly
        self.durability = durability
        if let clock { self.clock = clock }
    }

    var lmdbConfiguration: LMDBConfiguration {
        LMDBConfiguration(
            initialMapSize: initialMapSize,
            maxMapSize: max(maxMapSize, initialMapSize),
            maxDatabases: 16,
            readOnly: readOnly,
            durability: durability == .fullSync ? .full : .noMetaSync
        )
    }
}

extension Duration {
    /// Whole milliseconds, rounded down.
    package var milliseconds: Int64 {
        let parts = components
        return parts.seconds * 1000 + parts.attoseconds / 1_000_000_000_000_000
    }
}
