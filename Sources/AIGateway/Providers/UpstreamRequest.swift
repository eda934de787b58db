import AIGatewayCore

/// One call to a provider, in the provider's own wire format, as the gateway sends it.
public struct UpstreamRequest: Sendable {
    public var provider: Provider
    /// The path under the provider's base, for example `/v1/chat/completions`.
    public var path: String
    /// The exact body bytes to send.
    public var body: [UInt8]
    /// Behaviour headers to pass on (`anthropic-version`, `anthropic-beta`, `openai-beta`).
    /// Never credentials: the client adds the gateway's own provider key.
    public var headers: [(name: String, value: String)]
    /// The gateway's request id, sent upstream as `x-aigw-request-id` and carried by errors.
    public var requestId: String
    /// Whether the body asks for an SSE stream.
    public var stream: Bool

    public init(
        provider: Provider,
        path: String,
        body: [UInt8],
        headers: [(name: String, value: String)] = [],
        requestId: String,
        stream: Bool
    ) {
        self.provider = provider
        self.path = path
        self.body = body
        self.headers = headers
        self.requestId = requestId
        self.stream = stream
    }
}

/// A complete non-stream answer from a provider.
public struct UpstreamResponse: Sendable {
    public var status: Int
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]

    public init(status: Int, headers: [(name: String, value: String)], body: [UInt8]) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The first value of a header, matched case-insensitively.
    public func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }
}

/// A provider's SSE answer, event by event as bytes arrive. It ends normally only after the
/// provider's own end of stream; a dropped connection or a truncated last event ends it with
/// a ``GatewayError``, so a partial stream can never be mistaken for a complete one.
public struct UpstreamEventStream: AsyncSequence, Sendable {
    public typealias Element = ServerSentEvent

    public var status: Int
    public var headers: [(name: String, value: String)]
    private let events: AsyncThrowingStream<ServerSentEvent, any Error>

    public init(status: Int, headers: [(name: String, value: String)], events: AsyncThrowingStream<ServerSentEvent, any Error>) {
        self.status = status
        self.headers = headers
        self.events = events
    }

    public func makeAsyncIterator() -> AsyncThrowingStream<ServerSentEvent, any Error>.AsyncIterator {
        events.makeAsyncIterator()
    }
}

/// What the gateway's cache layer needs from the network: implemented over HTTP by
/// ``ProviderClient``, and by fixtures in replay mode.
public protocol UpstreamTransport: Sendable {
    /// Sends a non-stream request. Retries as its policy says; throws ``GatewayError``.
    func send(_ request: UpstreamRequest) async throws -> UpstreamResponse
    /// Opens a stream. Retries only until the response head arrives; once this returns, the
    /// caller owns the stream and failures surface through it.
    func openStream(_ request: UpstreamRequest) async throws -> UpstreamEventStream
}
