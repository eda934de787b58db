import AIGateway
import HTTPTypes

/// The `x-aigw-*` headers the server reads and writes.
enum GatewayHeaders {
    static let requestId = HTTPField.Name("x-aigw-request-id")!
    static let cache = HTTPField.Name("x-aigw-cache")!
    static let cacheKey = HTTPField.Name("x-aigw-cache-key")!
    static let cost = HTTPField.Name("x-aigw-cost-usd")!
    static let saved = HTTPField.Name("x-aigw-saved-usd")!
    static let user = HTTPField.Name("x-aigw-user")!
    static let agent = HTTPField.Name("x-aigw-agent")!
    static let cacheNamespace = HTTPField.Name("x-aigw-cache-namespace")!
    static let apiKey = HTTPField.Name("x-api-key")!

    /// The outcome headers, then `extra`. A field whose value is not known yet (a live stream's
    /// cost) is left out rather than guessed.
    static func outcome(requestId: String, cache: CacheStatus, key: CacheKey?, cost: USD?, saved: USD?,
                        extra: [HTTPField] = []) -> HTTPFields {
        // Gathered in an array and made into fields in one step, `extra` included: a JSON answer
        // passes its Content-Length here, so `Response` does not search for it and add it.
        var fields: [HTTPField] = []
        fields.reserveCapacity(5 + extra.count)
        fields.append(HTTPField(name: Self.requestId, value: requestId))
        fields.append(HTTPField(name: Self.cache, value: cache.rawValue))
        if let key { fields.append(HTTPField(name: cacheKey, value: key.hex)) }
        if let cost { fields.append(HTTPField(name: Self.cost, value: cost.plainAmount)) }
        if let saved { fields.append(HTTPField(name: Self.saved, value: saved.plainAmount)) }
        fields += extra
        return HTTPFields(fields)
    }
}
