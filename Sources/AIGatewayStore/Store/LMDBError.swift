import CLMDB

/// Why an LMDB call or the store directory around it failed.
///
/// `failed` records which C call returned which code, so an error names its cause
/// ("mdb_put: MDB_MAP_FULL") rather than a bare number.
enum LMDBError: Error, Equatable, CustomStringConvertible {
    case failed(call: String, code: Int32)
    case openFailed(path: String, code: Int32, readOnly: Bool)
    case pathIsFile(path: String)
    case directoryNotWritable(path: String)
    case directoryNotCreated(path: String, reason: String)
    case noEnvironment(path: String)
    case openedReadOnly(path: String)
    case databaseNotFound(name: String)
    /// The map reached its configured maximum and the write still did not fit.
    case mapAtMaximum(bytes: Int)
    case closed

    var code: Int32? {
        switch self {
        case .failed(_, let code), .openFailed(_, let code, _): code
        default: nil
        }
    }

    var description: String {
        switch self {
        case .failed(let call, let code):
            "\(call): \(Self.message(code))"
        case .openFailed(let path, let code, let readOnly):
            "cannot open store at \(path)\(readOnly ? " read-only" : ""): \(Self.message(code))"
        case .pathIsFile(let path):
            "store path \(path) is a file, not a directory"
        case .directoryNotWritable(let path):
            "store directory \(path) is not writable (open it with readOnly: true to read it)"
        case .directoryNotCreated(let path, let reason):
            "cannot create store directory \(path): \(reason)"
        case .noEnvironment(let path):
            "no store at \(path) (nothing to open read-only)"
        case .openedReadOnly(let path):
            "store at \(path) is open read-only in this process"
        case .databaseNotFound(let name):
            "the store has no database named \(name)"
        case .mapAtMaximum(let bytes):
            "the store's map is at its maximum size (\(bytes) bytes)"
        case .closed:
            "the store is closed"
        }
    }

    static func message(_ code: Int32) -> String {
        let name: String? = switch code {
        case MDB_NOTFOUND: "MDB_NOTFOUND"
        case MDB_MAP_FULL: "MDB_MAP_FULL"
        case MDB_MAP_RESIZED: "MDB_MAP_RESIZED"
        case MDB_READERS_FULL: "MDB_READERS_FULL"
        case MDB_TXN_FULL: "MDB_TXN_FULL"
        case MDB_CORRUPTED: "MDB_CORRUPTED"
        case MDB_INVALID: "MDB_INVALID"
        case MDB_VERSION_MISMATCH: "MDB_VERSION_MISMATCH"
        case MDB_DBS_FULL: "MDB_DBS_FULL"
        case MDB_BAD_TXN: "MDB_BAD_TXN"
        case MDB_BAD_VALSIZE: "MDB_BAD_VALSIZE"
        case MDB_BAD_DBI: "MDB_BAD_DBI"
        default: nil
        }
        let text = String(cString: mdb_strerror(code))
        return name.map { "\($0): \(text)" } ?? "\(text) (\(code))"
    }
}

/// Throws `LMDBError.failed` naming `call` unless `rc` is `MDB_SUCCESS`.
///
/// `call` is a `StaticString` so the success path allocates nothing.
@inline(__always)
func check(_ rc: Int32, _ call: StaticString) throws(LMDBError) {
    if rc != MDB_SUCCESS { throw LMDBError.failed(call: "\(call)", code: rc) }
}
