import AIGateway
import AIGatewayServer
import FakeProvider
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

/// Local mode (no config file) answers no request a web page could have sent: a foreign `Host`
/// (DNS rebinding), a foreign `Origin`, or a POST body not declared as JSON ("simple" requests
/// that browsers send cross-origin without asking). On every route, and never from the store.
@Suite struct LocalModeTests {
    static let json = "Content-Type: application/json"

    private func exchange(_ port: Int, _ requests: [String]) async throws -> [RawHTTPConnection.Answer] {
        try await RawHTTPConnection.exchange(port: port, requests: requests)
    }

    @Test(arguments: [true, false])
    func aForeignHostIsRefusedOnEveryRoute(servesHitsOnEventLoop: Bool) async throws {
        try await withGatewayServer(servesHitsOnEventLoop: servesHitsOnEventLoop) { client, fake in
            let port = try #require(client.port)
            let body = Format.openAI.body()
            let stored = try await exchange(port, [RawHTTPConnection.request("POST", Format.openAI.path, headers: ["Host: 127.0.0.1", Self.json], body: body)])
            #expect(stored.first?.headers["x-aigw-cache"] == "miss")
            let host = "Host: attacker.example:\(port)"
            let answers = try await exchange(port, [
                RawHTTPConnection.request("POST", Format.openAI.path, headers: [host, Self.json], body: body),
                RawHTTPConnection.request("POST", Format.anthropic.path, headers: [host, Self.json], body: Format.anthropic.body()),
                RawHTTPConnection.request("GET", "/v1/gateway/logs", headers: [host]),
                RawHTTPConnection.request("GET", "/v1/models", headers: [host]),
                RawHTTPConnection.request("GET", "/v1/nowhere", headers: [host]),
            ])
            #expect(answers.map(\.status) == [403, 403, 403, 403, 403])
            #expect(answers.allSatisfy { $0.headers["x-aigw-cache"] == nil }, "never a hit")
            #expect(answers[0].body.contains(#""code":"forbidden_origin""#))
            #expect(answers[0].body.contains("attacker.example"))
            #expect(answers[1].body.contains(#""type":"permission_error""#) && answers[1].body.hasPrefix(#"{"type":"error""#))
            #expect(fake.requestCount == 1)
        }
    }

    @Test func loopbackHostsAreAccepted() async throws {
        try await withGatewayServer { client, _ in
            let port = try #require(client.port)
            let answers = try await exchange(port, ["127.0.0.1:\(port)", "localhost", "LOCALHOST:\(port)", "[::1]:\(port)"].map {
                RawHTTPConnection.request("GET", "/healthz", headers: ["Host: \($0)"])
            })
            #expect(answers.map(\.status) == [200, 200, 200, 200])
        }
    }

    @Test(arguments: [true, false])
    func postBodiesMustBeDeclaredJSONAndAForeignOriginIsRefused(servesHitsOnEventLoop: Bool) async throws {
        try await withGatewayServer(servesHitsOnEventLoop: servesHitsOnEventLoop) { client, fake in
            let port = try #require(client.port)
            let body = Format.openAI.body()
            let path = Format.openAI.path
            let host = "Host: 127.0.0.1:\(port)"
            // The first stores the entry, so that every refusal below would otherwise be a hit.
            let cases: [(headers: [String], status: Int)] = [
                ([host, Self.json], 200),
                ([host, "Content-Type: text/plain"], 415),
                ([host, "Content-Type: text/plain", "Origin: https://attacker.example"], 403),
                ([host, Self.json, "Origin: https://attacker.example"], 403),
                ([host, Self.json, "Origin: null"], 403),
                ([host, "Content-Type: multipart/form-data; boundary=x"], 415),
                ([host, "Content-Type: application/x-www-form-urlencoded", "Origin: http://localhost:3000"], 415),
                ([host, "Content-Type: application/x-www-form-urlencoded"], 200),   // curl -d
                ([host], 200),
                ([host, "Content-Type: application/json; charset=utf-8", "Origin: http://127.0.0.1:5173"], 200),
            ]
            let answers = try await exchange(port, cases.map { RawHTTPConnection.request("POST", path, headers: $0.headers, body: body) })
            #expect(answers.map(\.status) == cases.map(\.status))
            for (answer, expected) in zip(answers, cases) where expected.status != 200 {
                #expect(answer.headers["x-aigw-cache"] == nil)
                #expect(answer.body.contains(#""error":{"#))
            }
            #expect(answers[1].body.contains("application/json"))
            #expect(answers[7].headers["x-aigw-cache"] == "hit")
            #expect(fake.requestCount == 1)
        }
    }

    /// With a config file, gateway keys stand between a web page and the gateway: no `Host` check.
    @Test func withGatewayKeysTheHostIsNotChecked() async throws {
        try await withGatewayServer(keys: TrafficScript.keys) { client, _ in
            let port = try #require(client.port)
            let answers = try await exchange(port, [
                RawHTTPConnection.request("POST", Format.openAI.path,
                                          headers: ["Host: gateway.internal", Self.json, "Authorization: Bearer \(TrafficScript.key("acme"))"],
                                          body: Format.openAI.body()),
            ])
            #expect(answers.first?.status == 200)
        }
    }
}
