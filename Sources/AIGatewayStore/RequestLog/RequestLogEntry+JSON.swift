import AIGatewayCore

/// One request-log record as `aigw logs --json` prints it (one object per line) and
/// `GET /v1/gateway/logs` returns it; the schema is in docs/request-log.md.
public struct LoggedRequest: Sendable, Equatable, Encodable {
    public var cursor: RequestLogCursor
    public var entry: RequestLogEntry

    public init(cursor: RequestLogCursor, entry: RequestLogEntry) {
        self.cursor = cursor
        self.entry = entry
    }

    enum CodingKeys: String, CodingKey {
        case cursor, requestID = "request_id", time, timeMs = "time_ms", tenant, user, agent, provider, model, cache
        case inputTokens = "input_tokens", outputTokens = "output_tokens"
        case cacheReadTokens = "cache_read_tokens", cacheWriteTokens = "cache_write_tokens"
        case cost = "cost_picodollars", costUSD = "cost_usd", saved = "saved_picodollars", savedUSD = "saved_usd"
        case latencyMs = "latency_ms", status, success, error
    }

    /// Every key is always present; unknown amounts and a missing error are `null`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(cursor.description, forKey: .cursor)
        try container.encode(entry.requestID, forKey: .requestID)
        try container.encode(entry.timestamp, forKey: .time)
        try container.encode(entry.timeMs, forKey: .timeMs)
        try container.encode(entry.tenant, forKey: .tenant)
        try container.encode(entry.user, forKey: .user)
        try container.encode(entry.agent, forKey: .agent)
        try container.encode(entry.provider, forKey: .provider)
        try container.encode(entry.model, forKey: .model)
        try container.encode(entry.cache.rawValue, forKey: .cache)
        try container.encode(entry.tokens.uncachedInput, forKey: .inputTokens)
        try container.encode(entry.tokens.output, forKey: .outputTokens)
        try container.encode(entry.tokens.cacheRead, forKey: .cacheReadTokens)
        try container.encode(entry.tokens.cacheWrite, forKey: .cacheWriteTokens)
        try container.encode(entry.cost?.picodollars, forKey: .cost)
        try container.encode(entry.cost?.description, forKey: .costUSD)
        try container.encode(entry.saved?.picodollars, forKey: .saved)
        try container.encode(entry.saved?.description, forKey: .savedUSD)
        try container.encode(entry.latencyMs, forKey: .latencyMs)
        try container.encode(entry.status, forKey: .status)
        try container.encode(entry.succeeded, forKey: .success)
        try container.encode(entry.errorMessage, forKey: .error)
    }
}
