import AIGatewayCore
import AsyncHTTPClient
import Logging
import NIOCore
import NIOHTTP1
import Tracing

/// Calls OpenAI and Anthropic over HTTP: adds the gateway's credentials, retries as
/// ``RetryPolicy`` says, and turns every failure into a ``GatewayError``.
///
/// `send` reads the whole body; `openStream` returns as soon as a 2xx head arrives and hands
/// the body over event by event, so the first token reaches the client without waiting for the
/// rest. Neither validates a 2xx body: the cache layer decides what a good answer is.
public final class ProviderClient: UpstreamTransport {
    public let settings: ProviderSettings
    public let retryPolicy: RetryPolicy
    /// The most a non-stream body may hold; larger answers fail as ``GatewayError/Kind/invalidResponse``.
    public let maxResponseBytes: Int
    let httpClient: HTTPClient
    let logger: Logger

    /// The `anthropic-version` sent when the request carries none.
    public static let defaultAnthropicVersion = "2023-06-01"
    /// Error bodies are read only this far; the message is a snippet anyway.
    static let maxErrorBodyBytes = 64 * 1024

    /// - Parameter httpClient: The client to send with. `HTTPClient.shared` retries failed
    ///   connection attempts itself until its connect timeout; a client made with
    ///   ``recommendedHTTPClientConfiguration`` leaves that to ``RetryPolicy``.
    public init(
        settings: ProviderSettings,
        retryPolicy: RetryPolicy = RetryPolicy(),
        httpClient: HTTPClient = .shared,
        maxResponseBytes: Int = 32 * 1024 * 1024,
        logger: Logger = Logger(label: "aigw.provider", factory: { _ in SwiftLogNoOpLogHandler() })
    ) {
        self.settings = settings
        settings.registerSecrets()
        self.retryPolicy = retryPolicy
        self.httpClient = httpClient
        self.maxResponseBytes = maxResponseBytes
        self.logger = logger
    }

    /// HTTP/1 connections kept per upstream host: concurrent calls beyond it wait for one.
    public static let maxConnectionsPerHost = 512

    /// How long an upstream connection may stay silent once the request is sent (before the
    /// head, and between the chunks of a stream) before the call fails. A stream's head ends
    /// the retry policy's deadlines, so without this a provider that stops mid-stream would hold
    /// the client's and the provider's connections forever. Generous: reasoning models can think
    /// for minutes between events.
    public static let readIdleTimeout: Duration = .seconds(600)

    /// An `HTTPClient` configuration that leaves retrying to ``RetryPolicy``: a refused or
    /// failed connection fails the attempt at once instead of being retried inside the pool
    /// until the connect timeout. The caller owns (and shuts down) a client made with it.
    public static var recommendedHTTPClientConfiguration: HTTPClient.Configuration {
        httpClientConfiguration(readIdleTimeout: readIdleTimeout)
    }

    /// ``recommendedHTTPClientConfiguration`` with another ``readIdleTimeout``.
    public static func httpClientConfiguration(readIdleTimeout: Duration) -> HTTPClient.Configuration {
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool.retryConnectionEstablishment = false
        configuration.timeout.connect = .seconds(10)
        configuration.timeout.read = .nanoseconds(readIdleTimeout.totalNanoseconds)
        // The client's default of 8 HTTP/1 connections per host queues the ninth concurrent
        // call (a stream can last minutes) behind the first eight; a gateway fans many clients
        // into one upstream host. HTTP/2 upstreams multiplex and are not limited by this.
        configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = maxConnectionsPerHost
        // With no tracer bootstrapped, the client would still parse each request's URL and set
        // span attributes for a no-op tracer: a measurable share of a cache miss.
        if InstrumentationSystem.tracer is NoOpTracer { configuration.tracing.tracer = nil }
        return configuration
    }

    public func send(_ request: UpstreamRequest) async throws -> UpstreamResponse {
        let prepared = try prepare(request)
        let maxBytes = maxResponseBytes
        return try await withRetries(request, prepared) { response, deadline, attempt in
            let body = try await Self.collect(response.body, upTo: maxBytes, until: deadline, request: request, attempt: attempt)
            // Only here, on the miss path: an upstream echoing the gateway's key must not have
            // it forwarded, stored or recorded. Hits never pass through this client.
            return UpstreamResponse(status: Int(response.status.code), headers: Self.headerList(response.headers),
                                    body: SecretRedaction.redactRegistered(body))
        }
    }

    public func openStream(_ request: UpstreamRequest) async throws -> UpstreamEventStream {
        let prepared = try prepare(request)
        let (response, attempts) = try await withRetries(request, prepared) { response, _, attempt in (response, attempt) }
        let reader = SSEBodyReader(body: response.body, provider: request.provider, requestId: request.requestId, attempts: attempts)
        return UpstreamEventStream(
            status: Int(response.status.code),
            headers: Self.headerList(response.headers),
            events: AsyncThrowingStream(unfolding: { try await reader.next().map(SecretRedaction.redactRegistered) })
        )
    }

    /// The HTTP request for `request`, or `missingCredentials` before anything is sent.
    func prepare(_ request: UpstreamRequest) throws(GatewayError) -> HTTPClientRequest {
        let endpoint = settings[request.provider]
        guard let key = endpoint.usableAPIKey else {
            let variable = request.provider == .openai ? "OPENAI_API_KEY" : "ANTHROPIC_API_KEY"
            throw GatewayError(
                .missingCredentials,
                provider: request.provider,
                requestId: request.requestId,
                message: "no API key configured for \(request.provider.rawValue); set \(variable)",
                attempts: 0
            )
        }
        var http = HTTPClientRequest(url: endpoint.url(for: request.path))
        http.method = .POST
        http.headers = Self.headers(for: request, key: key)
        http.body = .bytes(ByteBuffer(bytes: request.body))
        return http
    }

    /// Credentials are the gateway's own: any credential-like header on the request is dropped
    /// so a client's key can never reach a provider through the gateway.
    static func headers(for request: UpstreamRequest, key: String) -> HTTPHeaders {
        let reserved: Set<String> = [
            "authorization", "x-api-key", "api-key", "content-type", "content-length", "host", "accept",
            "x-aigw-request-id", "connection", "transfer-encoding",
        ]
        var headers = HTTPHeaders()
        headers.add(name: "content-type", value: "application/json")
        headers.add(name: "accept", value: request.stream ? "text/event-stream" : "application/json")
        for header in request.headers where !reserved.contains(header.name.lowercased()) {
            headers.add(name: header.name, value: header.value)
        }
        headers.add(name: "x-aigw-request-id", value: request.requestId)
        switch request.provider {
        case .openai:
            headers.add(name: "authorization", value: "Bearer \(key)")
        case .anthropic:
            headers.add(name: "x-api-key", value: key)
            if !headers.contains(name: "anthropic-version") {
                headers.add(name: "anthropic-version", value: defaultAnthropicVersion)
            }
        }
        return headers
    }

    /// Header values are redacted: fixtures keep some of them, and an echoing upstream may send
    /// the request's credentials back in any of them.
    static func headerList(_ headers: HTTPHeaders) -> [(name: String, value: String)] {
        headers.map { (name: $0.name, value: SecretRedaction.redact($0.value)) }
    }
}
