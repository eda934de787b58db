import AIGateway
import HTTPTypes

/// The `x-aigw-*` headers the server reads and writes.
enum GatewayHeaders {
    static let requestId = HTTPField.Name("x-aigw-request-id")!
    static let cache = HTTPField.Name("x-aigw-cache")!
    static let cacheKey = HTTPField.Name("x-aigw-cache-key")!
    static let cacheReason = HTTPField.Name("x-aigw-cache-reason")!
    static let cost = HTTPField.Name("x-aigw-cost-usd")!
    static let saved = HTTPField.Name("x-aigw-saved-usd")!
    static let user = HTTPField.Name("x-aigw-user")!
    static let agent = HTTPField.Name("x-aigw-agent")!
    static let cacheNamespace = HTTPField.Name("x-aigw-cache-namespace")!
    static let apiKey = HTTPField.Name("x-api-key")!

    /// The outcome headers, then `extra`. A field whose value is not known yet (a live stream's
    /// cost) is left out rather than guessed.
    /// `reason` says why the cache was bypassed, when it was.
    static func outcome(requestId: String, cache: CacheStatus, key: CacheKey?, cost: USD?, saved: USD?,
                        reason: String? = nil, extra: [HTTPField] = []) -> HTTPFields {
        // Gathered in an array and made into fields in one step, `extra` included: a JSON answer
        // passes its Content-Length here, so `Response` does not search for it and add it.
        var fields: [HTTPField] = []
        fields.reserveCapacity(5 + extra.count)
        fields.append(HTTPField(name: Self.requestId, value: requestId))
        fields.append(HTTPField(name: Self.cache, value: cache.rawValue))
        if let reason, cache == .bypass { fields.append(HTTPField(name: cacheReason, value: Self.fieldValue(reason))) }
        if let key { fields.append(HTTPField(name: cacheKey, value: key.hex)) }
        if let cost { fields.append(HTTPField(name: Self.cost, value: cost.plainAmount)) }
        if let saved { fields.append(HTTPField(name: Self.saved, value: saved.plainAmount)) }
        fields += extra
        return HTTPFields(fields)
    }

    /// `text` as a header value: visible ASCII and spaces only, so a reason quoting a provider's
    /// field name can never break the head.
    private static func fieldValue(_ text: String) -> String {
        String(text.unicodeScalars.map { $0.isASCII && $0.value >= 0x20 && $0.value < 0x7F ? Character($0) : "?" })
    }
}
