import AIGatewayCore

/// One recorded exchange with a provider: the canonical request it answers and the answer.
///
/// Stored as one readable JSON file (see `docs/fixtures.md`); the same key as the cache, so a
/// fixture directory and a store can be converted into each other.
public struct Fixture: Sendable, Equatable {
    /// The layout of the file; bumped when a field changes meaning.
    public static let formatVersion = 1

    /// The key version the ``key`` was computed with.
    public var keyVersion: Int
    public var key: CacheKey
    /// Which answer this is among identical requests recorded in a row: 0 for the first.
    public var sequence: Int
    public var scope: CacheScope
    /// The request as the key sees it: provider, endpoint, model, keyed headers, canonical body.
    public var request: CanonicalRequest
    /// When the answer was recorded, as `YYYY-MM-DDTHH:MM:SSZ`.
    public var recordedAt: String
    public var response: FixtureResponse
    public var usage: BilledTokens?
    /// What the recorded call cost; nil when the model's price is unknown.
    public var cost: USD?

    public init(keyVersion: Int = KeyDocument.keyVersion, key: CacheKey, sequence: Int = 0, scope: CacheScope,
                request: CanonicalRequest, recordedAt: String, response: FixtureResponse,
                usage: BilledTokens? = nil, cost: USD? = nil) {
        self.keyVersion = keyVersion
        self.key = key
        self.sequence = sequence
        self.scope = scope
        self.request = request
        self.recordedAt = recordedAt
        self.response = response
        self.usage = usage
        self.cost = cost
    }

    /// Whether two fixtures record the same answer, whenever and in whichever turn.
    func hasSameAnswer(as other: Fixture) -> Bool {
        response == other.response && usage == other.usage && cost == other.cost
    }
}

/// The provider's answer as a fixture keeps it.
public struct FixtureResponse: Sendable, Equatable {
    public enum Content: Sendable, Equatable {
        /// A JSON body, in the provider's member order.
        case json(JSONValue)
        /// An SSE stream, event by event.
        case events([ServerSentEvent])
        /// An error status: what the gateway read from the provider's error body (`code` is
        /// OpenAI's, such as `rate_limit_exceeded`; Anthropic sends none).
        case error(type: String?, code: String?, message: String, retryAfterMs: Int?)
    }

    public var status: Int
    /// The allow-listed response headers (``allowedHeaders``), lower-case names.
    public var headers: [String: String]
    public var content: Content

    /// Headers worth reviewing or needed to replay an error; everything else (request ids,
    /// organization names, rate-limit counters, dates) is volatile or private and stays out.
    public static let allowedHeaders: Set<String> = ["content-type", "openai-version", "retry-after", "retry-after-ms", "x-should-retry"]

    public init(status: Int, headers: [String: String] = [:], content: Content) {
        self.status = status
        self.headers = headers
        self.content = content
    }

    /// The allow-listed subset of `headers`.
    public static func keptHeaders(_ headers: [(name: String, value: String)]) -> [String: String] {
        var kept: [String: String] = [:]
        for header in headers where allowedHeaders.contains(header.name.lowercased()) {
            kept[header.name.lowercased()] = header.value
        }
        return kept
    }
}
