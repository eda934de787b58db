import AIGateway
import AIGatewayServer
import FakeProvider
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

/// A request refused from its head is answered before its body is read: a keyless 48 MiB
/// request gets its 401 (and a declared length over the limit its 413) while the client has
/// sent only the first kilobyte, on both paths. The memory this bounds is measured in
/// `Tests/sdk/test_routes_and_models.py`.
@Suite struct UnreadBodyRefusalTests {
    static let declared = 48 * 1024 * 1024

    private func headAndFirstKilobyte(_ format: Format, headers: [String]) -> String {
        RawHTTPConnection.request("POST", format.path,
                                  headers: ["Host: 127.0.0.1", "Content-Type: application/json", "Content-Length: \(Self.declared)"] + headers,
                                  body: String(Format.openAI.body().prefix(60)) + String(repeating: " ", count: 964))
    }

    @Test(arguments: Format.allCases, [true, false])
    func aKeylessRequestIsA401BeforeItsBody(format: Format, servesHitsOnEventLoop: Bool) async throws {
        try await withGatewayServer(keys: TrafficScript.keys, servesHitsOnEventLoop: servesHitsOnEventLoop) { client, fake in
            let port = try #require(client.port)
            for headers in [[], ["Authorization: Bearer wrong-key"], ["x-api-key: wrong-key"]] {
                let answers = try await RawHTTPConnection.exchange(port: port, requests: [headAndFirstKilobyte(format, headers: headers)])
                #expect(answers.first?.status == 401)
                #expect(answers.first?.body.contains("authentication_error") == true)
            }
            #expect(fake.requestCount == 0)
        }
    }

    @Test(arguments: [true, false])
    func aDeclaredLengthOverTheLimitIsA413BeforeTheBody(servesHitsOnEventLoop: Bool) async throws {
        try await withGatewayServer(keys: TrafficScript.keys, maxRequestBytes: 1024 * 1024,
                                    servesHitsOnEventLoop: servesHitsOnEventLoop) { client, fake in
            let port = try #require(client.port)
            let key = "Authorization: Bearer \(TrafficScript.key("acme"))"
            let answers = try await RawHTTPConnection.exchange(port: port, requests: [headAndFirstKilobyte(.openAI, headers: [key])])
            #expect(answers.first?.status == 413)
            #expect(fake.requestCount == 0)
        }
    }
}
