/// Why a ledger operation failed.
public enum LedgerError: Error, Equatable, CustomStringConvertible {
    /// Reading a store directory that holds no LMDB environment.
    case noStore(String)
    case closed
    /// A total did not fit in 64 bits (more than about $9.2 million in one sum).
    case overflow
    /// Any LMDB failure: the message names the C call and its error.
    case storage(String)

    public var description: String {
        switch self {
        case .noStore(let path): "no store at \(path)"
        case .closed: "the ledger is closed"
        case .overflow: "a ledger total overflowed 64 bits"
        case .storage(let message): "ledger storage error: \(message)"
        }
    }

    init(_ error: LMDBError) {
        switch error {
        case .noEnvironment(let path): self = .noStore(path)
        case .closed: self = .closed
        default: self = .storage(error.description)
        }
    }
}
