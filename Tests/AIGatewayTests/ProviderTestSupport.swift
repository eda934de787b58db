import AIGateway
import AsyncHTTPClient
import FakeProvider
import Synchronization

/// A key shaped like a real one, so redaction is exercised; tests check it never leaks.
let secretTestKey = KeyShapedTestValue.make("test-SECRET123456789")
let secretTestKeyTail = "SECRET123456789"

/// Short waits so retry tests take milliseconds, not seconds.
func quickRetryPolicy(maxAttempts: Int = 3, deadline: Duration = .seconds(20), attemptTimeout: Duration = .seconds(10)) -> RetryPolicy {
    RetryPolicy(maxAttempts: maxAttempts, baseDelay: .milliseconds(10), maxDelay: .milliseconds(40), deadline: deadline, attemptTimeout: attemptTimeout)
}

func fakeSettings(_ fake: FakeProviderServer, openAIKey: String? = secretTestKey, anthropicKey: String? = secretTestKey) -> ProviderSettings {
    ProviderSettings.fromEnvironment([
        "OPENAI_BASE_URL": fake.openAIBaseURL,
        "ANTHROPIC_BASE_URL": fake.anthropicBaseURL,
        "OPENAI_API_KEY": openAIKey ?? "",
        "ANTHROPIC_API_KEY": anthropicKey ?? "",
    ])
}

/// Runs `body` with a ProviderClient over its own HTTPClient, shut down afterwards. The pool
/// does not retry refused connections itself, so the client's retry policy is what is tested.
func withProviderClient<Result>(
    settings: ProviderSettings,
    policy: RetryPolicy = quickRetryPolicy(),
    configuration: HTTPClient.Configuration = ProviderClient.recommendedHTTPClientConfiguration,
    _ body: (ProviderClient) async throws -> Result
) async throws -> Result {
    let httpClient = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    let client = ProviderClient(settings: settings, retryPolicy: policy, httpClient: httpClient)
    do {
        let result = try await body(client)
        try await httpClient.shutdown()
        return result
    } catch {
        try? await httpClient.shutdown()
        throw error
    }
}

/// A fake provider and a client pointed at it, both always shut down.
func withFakeProvider<Result>(
    policy: RetryPolicy = quickRetryPolicy(),
    configuration: HTTPClient.Configuration = ProviderClient.recommendedHTTPClientConfiguration,
    _ body: (FakeProviderServer, ProviderClient) async throws -> Result
) async throws -> Result {
    try await FakeProviderServer.withServer { fake in
        try await withProviderClient(settings: fakeSettings(fake), policy: policy, configuration: configuration) { client in
            try await body(fake, client)
        }
    }
}

func chatRequest(_ provider: Provider, text: String = "hello there", stream: Bool = false, includeUsage: Bool = false,
                 headers: [(name: String, value: String)] = [], requestId: String = "req-test-1") -> UpstreamRequest {
    let body: String
    switch provider {
    case .openai:
        let options = includeUsage ? #", "stream_options": {"include_usage": true}"# : ""
        body = #"{"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "\#(text)"}], "stream": \#(stream)\#(options)}"#
    case .anthropic:
        body = #"{"model": "claude-sonnet-4-5", "max_tokens": 64, "messages": [{"role": "user", "content": "\#(text)"}], "stream": \#(stream)}"#
    }
    return UpstreamRequest(provider: provider, path: provider.chatEndpoint, body: Array(body.utf8), headers: headers, requestId: requestId, stream: stream)
}

/// Calls `operation` and returns the GatewayError it throws, or nil.
func gatewayError(_ operation: () async throws -> Void) async -> GatewayError? {
    do {
        try await operation()
        return nil
    } catch let error as GatewayError {
        return error
    } catch {
        return nil
    }
}

/// Waits for real, and records each wait.
final class RecordedSleeps: Sendable {
    private let log = Mutex<[Duration]>([])

    var waits: [Duration] { log.withLock { $0 } }

    var policySleep: @Sendable (Duration) async throws -> Void {
        { duration in
            self.log.withLock { $0.append(duration) }
            try await Task.sleep(for: duration)
        }
    }
}
