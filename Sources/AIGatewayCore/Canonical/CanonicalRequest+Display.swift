extension CanonicalRequest {
    /// The canonical body parsed back, in canonical member order.
    public var bodyValue: JSONValue {
        // The body was written by JSONWriter from a parsed value, so it always parses.
        (try? JSONParser.parse(body, limits: JSONLimits(maxBytes: .max, maxDepth: .max))) ?? .null
    }

    /// The canonical body indented for people; the key uses the minified ``body``.
    public var prettyPrintedBody: String {
        JSONWriter.prettyPrinted(bodyValue)
    }
}
