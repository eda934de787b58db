/// A strict RFC 8259 parser over raw bytes.
///
/// Foundation's parsers confuse `true` with `1`, round numbers through `Double` and differ
/// between Linux and macOS; the cache key needs exactly what the bytes say. The parser keeps
/// its own stack instead of recursing, so nesting depth costs heap, not call stack, and the
/// depth limit is an ordinary error.
public enum JSONParser {
    /// Parses a document; duplicate keys and lone surrogates are errors like any other.
    public static func parse(_ bytes: [UInt8], limits: JSONLimits = .default) throws(JSONParseError) -> JSONValue {
        try parseReportingAmbiguity(bytes, limits: limits, stopAtAmbiguity: true).value
    }

    /// Parses a document that may be ambiguous: a duplicate key or a lone surrogate is
    /// returned next to the value instead of thrown (the value then keeps both members,
    /// and U+FFFD in place of the surrogate). Malformed input still throws, even when an
    /// ambiguity came first, so "invalid" always wins over "ambiguous".
    public static func parseReportingAmbiguity(
        _ bytes: [UInt8],
        limits: JSONLimits = .default
    ) throws(JSONParseError) -> (value: JSONValue, ambiguity: JSONParseError?) {
        try parseReportingAmbiguity(bytes, limits: limits, stopAtAmbiguity: false)
    }

    private static func parseReportingAmbiguity(
        _ bytes: [UInt8],
        limits: JSONLimits,
        stopAtAmbiguity: Bool
    ) throws(JSONParseError) -> (value: JSONValue, ambiguity: JSONParseError?) {
        let result: Result<(JSONValue, JSONParseError?), JSONParseError> = bytes.withUnsafeBytes { buffer in
            var scanner = JSONScanner(source: bytes, bytes: buffer, limits: limits, stopAtAmbiguity: stopAtAmbiguity)
            do throws(JSONParseError) {
                let value = try scanner.parseDocument()
                return .success((value, scanner.ambiguity))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }
}
