/// Why a price file could not be used. Each case names the file, so a bad override is easy to
/// find from a log line alone.
public enum PriceTableError: Error, Sendable, Equatable, CustomStringConvertible {
    case unreadable(file: String, reason: String)
    case malformed(file: String, reason: String)
    case unsupportedFormat(file: String, format: Int)
    case invalidEntry(file: String, model: String, problem: String)

    public var description: String {
        switch self {
        case let .unreadable(file, reason):
            "price file \(file): cannot be read: \(reason)"
        case let .malformed(file, reason):
            "price file \(file): not a valid price table: \(reason)"
        case let .unsupportedFormat(file, format):
            "price file \(file): format \(format) is not supported (this build reads format \(PriceFile.supportedFormat))"
        case let .invalidEntry(file, model, problem):
            "price file \(file): model \"\(model)\": \(problem)"
        }
    }
}
