/// A text generation request: provider-neutral, with attribution for the ledger.
public struct GenerateTextRequest: Sendable, Hashable {
    public var tenantId: String
    public var userId: String?
    public var agentId: String?
    /// The exact model name; it decides the provider (see ``ModelRouter``).
    public var model: String
    public var messages: [ChatMessage]
    public var temperature: Double?
    public var topP: Double?
    /// Required by Anthropic; when nil, ``AIGateway/Configuration/defaultMaxTokens`` is sent there.
    public var maxTokens: Int?
    public var stop: [String]
    public var tools: [ToolDefinition]
    /// Whether and which tool the model must call; nil leaves it to the provider (`auto`).
    public var toolChoice: ToolChoice?
    /// `false` asks for at most one tool call per turn; nil leaves the provider's default.
    public var parallelToolCalls: Bool?
    public var outputFormat: OutputFormat
    public var seed: Int64?
    public var cache: CachePolicy

    public init(
        tenantId: String,
        userId: String? = nil,
        agentId: String? = nil,
        model: String,
        messages: [ChatMessage],
        temperature: Double? = nil,
        topP: Double? = nil,
        maxTokens: Int? = nil,
        stop: [String] = [],
        tools: [ToolDefinition] = [],
        toolChoice: ToolChoice? = nil,
        parallelToolCalls: Bool? = nil,
        outputFormat: OutputFormat = .text,
        seed: Int64? = nil,
        cache: CachePolicy = CachePolicy()
    ) {
        self.tenantId = tenantId
        self.userId = userId
        self.agentId = agentId
        self.model = model
        self.messages = messages
        self.temperature = temperature
        self.topP = topP
        self.maxTokens = maxTokens
        self.stop = stop
        self.tools = tools
        self.toolChoice = toolChoice
        self.parallelToolCalls = parallelToolCalls
        self.outputFormat = outputFormat
        self.seed = seed
        self.cache = cache
    }
}

/// Per-request cache control, as `Cache-Control` and `x-aigw-cache-namespace` give it over HTTP.
public struct CachePolicy: Sendable, Hashable {
    /// Whether a stored entry may answer (`no-cache` turns this off).
    public var read: Bool
    /// Whether a new answer may be stored (`no-store` turns this off).
    public var write: Bool
    /// Accept only entries at most this old; also the TTL of a new entry (`max-age=N`).
    public var maxAge: Duration?
    /// A namespace within the tenant.
    public var namespace: String?

    public init(read: Bool = true, write: Bool = true, maxAge: Duration? = nil, namespace: String? = nil) {
        self.read = read
        self.write = write
        self.maxAge = maxAge
        self.namespace = namespace
    }
}
