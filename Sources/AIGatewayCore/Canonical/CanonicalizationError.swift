/// Why a request body has no canonical form.
///
/// The three cases lead to different answers: the first two are the client's mistake (400,
/// naming the problem), the third is a valid request whose meaning we will not guess, so it
/// is forwarded but never cached (shown as `bypass`).
public enum CanonicalizationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Not strict JSON; the error names the byte offset.
    case invalidJSON(JSONParseError)
    /// JSON, but not a request of the provider's format (not an object, no model, …).
    case invalidRequest(String)
    /// A request that is valid but ambiguous: duplicate keys, lone surrogate escapes,
    /// contradicting fields or headers.
    case notCacheable(reason: String)

    public var description: String {
        switch self {
        case .invalidJSON(let error): error.description
        case .invalidRequest(let problem): "invalid request: \(problem)"
        case .notCacheable(let reason): "not cacheable: \(reason)"
        }
    }
}
