/// The providers whose wire formats the gateway speaks.
public enum Provider: String, Sendable, CaseIterable, Codable {
    case openai
    case anthropic

    /// The endpoint a request body of this provider's chat format is sent to.
    public var chatEndpoint: String {
        switch self {
        case .openai: "/v1/chat/completions"
        case .anthropic: "/v1/messages"
        }
    }

    /// The request headers (lower case) that change this provider's behaviour: they travel
    /// upstream with the request and take part in its key. The one list of them.
    public var keyedHeaderNames: [String] {
        switch self {
        case .openai: ["openai-beta"]
        case .anthropic: ["anthropic-version", "anthropic-beta"]
        }
    }
}

/// A request header that changes the provider's behaviour, and so belongs in the key.
public struct KeyedHeader: Hashable, Sendable {
    /// Lower-case header name.
    public var name: String
    /// The value as it takes part in the key (trimmed; for list headers, sorted and de-duplicated).
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

/// A provider request reduced to what decides the answer: see `docs/canonical-form.md`.
public struct CanonicalRequest: Hashable, Sendable {
    public var provider: Provider
    /// The upstream path, for example `/v1/chat/completions`.
    public var endpoint: String
    /// The exact model string (aliases are not resolved: they move over time).
    public var model: String
    /// Behaviour-changing headers, sorted by name.
    public var headers: [KeyedHeader]
    /// The canonical JSON body: minimal, with the rules of the canonical form applied.
    public var body: [UInt8]
    /// Whether the client asked for a stream. Not part of the key: one entry serves both.
    public var wantsStream: Bool
    /// Whether an OpenAI client asked for a stream's usage chunk (`stream_options.include_usage`).
    /// Not part of the key: a stored stream is rendered with or without it.
    public var wantsStreamUsage: Bool

    public init(
        provider: Provider,
        endpoint: String,
        model: String,
        headers: [KeyedHeader],
        body: [UInt8],
        wantsStream: Bool,
        wantsStreamUsage: Bool = false
    ) {
        self.provider = provider
        self.endpoint = endpoint
        self.model = model
        self.headers = headers.sorted { Array($0.name.utf8).lexicographicallyPrecedes(Array($1.name.utf8)) }
        self.body = body
        self.wantsStream = wantsStream
        self.wantsStreamUsage = wantsStreamUsage
    }
}
