/// Bounds that keep a hostile body from costing unbounded memory or time.
///
/// A request's size is bounded once, where its bytes are read (the server's
/// `--max-request-mib`, ``ServerConfiguration/maxRequestBytes`` in `AIGatewayServer`), not
/// again here: two limits disagreed, and a body the server had accepted and buffered was then
/// refused as invalid JSON. By default the parser takes whatever it is given (up to its 4 GiB
/// offset range); a caller parsing bytes nobody has bounded passes ``maxBytes``.
public struct JSONLimits: Sendable, Hashable {
    /// Largest document accepted, in bytes (never more than 4 GiB, whatever this says).
    public var maxBytes: Int
    /// Deepest nesting of arrays and objects accepted. The parser does not recurse, but the
    /// canonicalizer and writer walk values recursively, so this also bounds their stack.
    public var maxDepth: Int

    public init(maxBytes: Int = .max, maxDepth: Int = 128) {
        self.maxBytes = maxBytes
        self.maxDepth = maxDepth
    }

    public static let `default` = JSONLimits()
}
