/// Bounds that keep a hostile body from costing unbounded memory or time.
public struct JSONLimits: Sendable, Hashable {
    /// Largest document accepted, in bytes (never more than 4 GiB, whatever this says).
    public var maxBytes: Int
    /// Deepest nesting of arrays and objects accepted. The parser does not recurse, but the
    /// canonicalizer and writer walk values recursively, so this also bounds their stack.
    public var maxDepth: Int

    public init(maxBytes: Int = 32 * 1024 * 1024, maxDepth: Int = 128) {
        self.maxBytes = maxBytes
        self.maxDepth = maxDepth
    }

    public static let `default` = JSONLimits()
}
