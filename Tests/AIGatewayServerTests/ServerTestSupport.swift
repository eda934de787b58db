import AIGateway
import AIGatewayServer
import FakeProvider
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore

/// The provider key the gateway holds in tests; a client's key must never be sent instead.
let providerTestKey = "provider-test-key"

/// `fetch` again every 50 ms until `condition` holds for what it returns, or ten seconds have
/// passed (the gateway commits its ledger and request log every 250 ms); returns the last result.
func poll<T>(_ fetch: () async throws -> T, until condition: (T) -> Bool) async throws -> T {
    let deadline = ContinuousClock.now + .seconds(10)
    while true {
        let result = try await fetch()
        if condition(result) || ContinuousClock.now > deadline { return result }
        try await Task.sleep(for: .milliseconds(50))
    }
}

/// Quick retries, so failure tests do not wait.
let testRetryPolicy = RetryPolicy(maxAttempts: 2, baseDelay: .milliseconds(10), maxDelay: .milliseconds(20),
                                  deadline: .seconds(10), attemptTimeout: .seconds(5))

/// Runs `body` against a live `aigw` server (the same `buildApplication` as `aigw serve`) whose
/// providers are a loopback fake, over a store in a temporary directory removed afterwards.
func withGatewayServer<R: Sendable>(
    keys: GatewayKeys? = nil,
    maxRequestBytes: Int = ServerConfiguration.defaultMaxRequestBytes,
    upstream: (@Sendable (FakeProviderServer) -> ProviderSettings)? = nil,
    fixtures: FixtureSettings? = nil,
    retryPolicy: RetryPolicy = testRetryPolicy,
    testing: TestingSetup = .ahc(.http),
    servesHitsOnEventLoop: Bool = true,
    _ body: @Sendable (any TestClientProtocol, FakeProviderServer) async throws -> R
) async throws -> R {
    try await withGatewayServer(keys: keys, maxRequestBytes: maxRequestBytes, upstream: upstream, fixtures: fixtures,
                                retryPolicy: retryPolicy, testing: testing,
                                servesHitsOnEventLoop: servesHitsOnEventLoop) { client, fake, _ in
        try await body(client, fake)
    }
}

/// ``withGatewayServer(keys:maxRequestBytes:upstream:fixtures:_:)`` that also hands `body` the
/// store directory, for tests that read it from outside the server (the CLI, the report code).
/// With `storePath` the store is there and stays; without, it is temporary.
func withGatewayServer<R: Sendable>(
    keys: GatewayKeys? = nil,
    maxRequestBytes: Int = ServerConfiguration.defaultMaxRequestBytes,
    upstream: (@Sendable (FakeProviderServer) -> ProviderSettings)? = nil,
    fixtures: FixtureSettings? = nil,
    retryPolicy: RetryPolicy = testRetryPolicy,
    testing: TestingSetup = .ahc(.http),
    servesHitsOnEventLoop: Bool = true,
    storePath: String? = nil,
    idleTimeout: Duration? = ServerConfiguration.defaultIdleTimeout,
    _ body: @Sendable (any TestClientProtocol, FakeProviderServer, String) async throws -> R
) async throws -> R {
    try await FakeProviderServer.withServer { fake in
        try await withStore(at: storePath) { path in
            var logger = Logger(label: "aigw.test")
            logger.logLevel = .critical
            let settings = upstream?(fake) ?? ProviderSettings.fromEnvironment([
                "OPENAI_BASE_URL": fake.openAIBaseURL,
                "ANTHROPIC_BASE_URL": fake.anthropicBaseURL,
                "OPENAI_API_KEY": providerTestKey,
                "ANTHROPIC_API_KEY": providerTestKey,
            ])
            let gateway = AIGateway.Configuration(
                storePath: path, providers: settings,
                retryPolicy: retryPolicy,
                logger: logger, fixtures: fixtures
            )
            let app = try buildApplication(ServerConfiguration(port: 0, gateway: gateway, keys: keys,
                                                               maxRequestBytes: maxRequestBytes,
                                                               servesHitsOnEventLoop: servesHitsOnEventLoop,
                                                               idleTimeout: idleTimeout, logger: logger))
            return try await app.test(testing) { client in try await body(client, fake, path) }
        }
    }
}

/// `path`, or a temporary store directory removed afterwards.
private func withStore<R>(at path: String?, _ body: (String) async throws -> R) async throws -> R {
    guard let path else { return try await withTemporaryDirectory(body) }
    return try await body(path)
}

func withTemporaryDirectory<R>(_ body: (String) async throws -> R) async throws -> R {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("aigw-server-test-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: root) }
    return try await body(root + "/store")
}

enum Format: String, Sendable, CaseIterable {
    case openAI
    case anthropic

    var path: String { self == .openAI ? "/v1/chat/completions" : "/v1/messages" }
    var model: String { self == .openAI ? "gpt-4o-mini" : "claude-3-5-haiku-20241022" }
    var route: FakeRoute { self == .openAI ? .openAIChat : .anthropicMessages }
    /// What a stream in this format ends with (for an OpenAI client, a translated one too).
    var endOfStream: String { self == .openAI ? "data: [DONE]" : #"{"type":"message_stop"}"# }

    func body(_ text: String = "hello there", stream: Bool = false, model: String? = nil) -> String {
        let model = model ?? self.model
        switch self {
        case .openAI:
            return #"{"model": "\#(model)", "messages": [{"role": "user", "content": "\#(text)"}], "stream": \#(stream)}"#
        case .anthropic:
            return #"{"model": "\#(model)", "max_tokens": 64, "messages": [{"role": "user", "content": "\#(text)"}], "stream": \#(stream)}"#
        }
    }
}

extension TestClientProtocol {
    func post(_ format: Format, _ body: String, headers: HTTPFields = [:]) async throws -> TestResponse {
        var headers = headers
        headers[.contentType] = "application/json"
        return try await executeRequest(uri: format.path, method: .post, headers: headers, body: ByteBuffer(string: body))
    }
}

extension TestResponse {
    func header(_ name: String) -> String? { headers[HTTPField.Name(name)!] }
    var text: String { String(buffer: body) }
    var json: JSONValue? { try? JSONParser.parse(Array(body.readableBytesView)) }

    /// The SSE events of a stream body.
    var events: [ServerSentEvent] {
        var parser = SSEParser()
        return parser.feed(body.readableBytesView)
    }
}
