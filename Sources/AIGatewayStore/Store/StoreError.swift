import AIGatewayCore

/// Why a ``CacheStore`` operation failed.
public enum StoreError: Error, Equatable, CustomStringConvertible {
    case pathIsFile(String)
    case directoryNotWritable(String)
    case directoryNotCreated(String, reason: String)
    /// Opened read-only where there is no store.
    case noStore(String)
    /// A write on a store opened read-only.
    case readOnly(String)
    case closed
    /// `entry(_:)` found a record it cannot decode.
    case corruptEntry(CacheKey, reason: String)
    case unsupportedSchema(found: Int, supported: Int)
    /// The map is at its maximum and evicting did not make room.
    case full(maxMapSize: Int)
    /// Any other LMDB failure: the message names the C call and its error.
    case storage(String)

    public var description: String {
        switch self {
        case .pathIsFile(let path): "store path \(path) is a file, not a directory"
        case .directoryNotWritable(let path):
            "store directory \(path) is not writable (open it with readOnly: true to read it)"
        case .directoryNotCreated(let path, let reason): "cannot create store directory \(path): \(reason)"
        case .noStore(let path): "no store at \(path) (nothing to open read-only)"
        case .readOnly(let path): "store at \(path) is open read-only"
        case .closed: "the store is closed"
        case .corruptEntry(let key, let reason): "cache entry \(key.hex) is corrupt: \(reason)"
        case .unsupportedSchema(let found, let supported):
            "store schema version \(found) is newer than this build supports (\(supported))"
        case .full(let maxMapSize): "the store is full: its map is at the maximum of \(maxMapSize) bytes"
        case .storage(let message): "store error: \(message)"
        }
    }

    init(_ error: LMDBError) {
        switch error {
        case .pathIsFile(let path): self = .pathIsFile(path)
        case .directoryNotWritable(let path): self = .directoryNotWritable(path)
        case .directoryNotCreated(let path, let reason): self = .directoryNotCreated(path, reason: reason)
        case .noEnvironment(let path): self = .noStore(path)
        case .openedReadOnly(let path): self = .readOnly(path)
        case .mapAtMaximum(let bytes): self = .full(maxMapSize: bytes)
        case .closed: self = .closed
        default: self = .storage(error.description)
        }
    }
}
