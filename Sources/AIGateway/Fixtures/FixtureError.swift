/// Why a fixture could not be read or written.
public enum FixtureError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A file in the fixture directory is not a fixture this version can read.
    case unreadable(file: String, reason: String)
    /// The fixture would hold something that looks like a secret, at this JSON path.
    case refused(path: String, reason: String)
    /// The file system said no.
    case writeFailed(file: String, reason: String)
    case invalidSetting(String)

    public var description: String {
        switch self {
        case .unreadable(let file, let reason):
            "cannot read the fixture \(file): \(reason)"
        case .refused(let path, let reason):
            "refusing to write a fixture: \(path) \(reason); fixtures are committed, so secrets must never reach them"
        case .writeFailed(let file, let reason):
            "cannot write the fixture \(file): \(reason)"
        case .invalidSetting(let message):
            message
        }
    }
}
