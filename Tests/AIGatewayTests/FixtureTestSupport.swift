@testable import AIGateway
import FakeProvider
import Foundation
import Logging
import Synchronization
import Testing

/// A transport for replay tests: any call is a test failure, since replay must never reach
/// the network.
final class NoNetworkTransport: UpstreamTransport {
    private let calls = Mutex(0)
    var callCount: Int { calls.withLock { $0 } }

    func send(_ request: UpstreamRequest) async throws -> UpstreamResponse {
        calls.withLock { $0 += 1 }
        throw GatewayError(.unreachable, provider: request.provider, message: "replay must not call the provider")
    }

    func openStream(_ request: UpstreamRequest) async throws -> UpstreamEventStream {
        calls.withLock { $0 += 1 }
        throw GatewayError(.unreachable, provider: request.provider, message: "replay must not call the provider")
    }
}

/// Runs `body` with a gateway over a temporary store, with fixtures in `directory`: sent to
/// `fake` when given, else to a transport that fails every call.
func withFixtureGateway<R>(
    directory: String,
    mode: FixtureMode,
    fake: FakeProviderServer? = nil,
    secrets: [String] = [],
    _ body: (AIGateway) async throws -> R
) async throws -> R {
    try await withTemporaryDirectoryAsync { storePath in
        let transport: (any UpstreamTransport)? = fake == nil ? NoNetworkTransport() : nil
        var configuration = AIGateway.Configuration(
            storePath: storePath, transport: transport,
            providers: fake.map { fakeSettings($0) }, retryPolicy: quickRetryPolicy(maxAttempts: 1),
            fixtures: FixtureSettings(directory: directory, mode: mode, secrets: secrets, recordCommand: "record-it")
        )
        configuration.logger.logLevel = .critical
        return try await withGateway(configuration: configuration, body)
    }
}

/// A provider call of a raw client body, attributed to the server's local tenant so that
/// library and server share fixtures.
func rawCall(_ body: String, provider: Provider, stream: Bool, headers: [(name: String, value: String)] = []) -> CompletionCall {
    let requestId = UUID().uuidString
    let model = (try? JSONParser.parse(Array(body.utf8)))?["model"]?.stringValue ?? ""
    return CompletionCall(
        requestId: requestId, attribution: Attribution(tenant: CacheScope.defaultTenant),
        upstream: UpstreamRequest(provider: provider, path: provider.chatEndpoint, body: Array(body.utf8), headers: headers,
                                  requestId: requestId, stream: stream),
        model: model
    )
}

/// Every event of a stream, as (event, data) pairs.
func eventPairs(_ stream: CompletionEventStream) async throws -> [String] {
    var pairs: [String] = []
    for try await event in stream { pairs.append("\(event.event ?? "-") \(event.data)") }
    return pairs
}

func fixtureFiles(_ directory: String) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).filter { $0.hasSuffix(".json") }.sorted()
}

func fileBytes(_ directory: String, _ name: String) -> [UInt8] {
    Array(FileManager.default.contents(atPath: (directory as NSString).appendingPathComponent(name)) ?? Data())
}
