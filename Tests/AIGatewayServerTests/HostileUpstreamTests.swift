import AIGateway
import FakeProvider
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

/// An upstream that sends the gateway's own key back, and bodies at the size the docs promise.
@Suite struct HostileUpstreamTests {
    /// A key of no known shape, 40 characters, unique to the test.
    private static func randomKey() -> String {
        let characters = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        return String((0..<40).map { _ in characters.randomElement()! })
    }

    private static func settings(_ fake: FakeProviderServer, key: String) -> ProviderSettings {
        ProviderSettings.fromEnvironment([
            "OPENAI_BASE_URL": fake.openAIBaseURL, "ANTHROPIC_BASE_URL": fake.anthropicBaseURL,
            "OPENAI_API_KEY": key, "ANTHROPIC_API_KEY": key,
        ])
    }

    @Test(arguments: Format.allCases, CredentialEcho.allCases)
    func anEchoedKeyOfAnyShapeNeverReachesTheClient(format: Format, place: CredentialEcho) async throws {
        for key in [["sk", "proj", Self.randomKey()].joined(separator: "-"), Self.randomKey()] {
            try await withGatewayServer(upstream: { Self.settings($0, key: key) }) { client, fake in
                for stream in [false, true] {
                    fake.enqueue(.echoCredentials(place), for: format.route)
                    let response = try await client.post(format, format.body("echo \(place) \(stream)", stream: stream))
                    let bytes = String(buffer: response.body)
                    let headers = response.headers.map { "\($0.name): \($0.value)" }.joined(separator: "\n")
                    #expect(!bytes.contains(key), "\(place), stream \(stream): \(bytes.prefix(300))")
                    #expect(!headers.contains(key))
                    if place == .error {
                        // The provider's type and code are still passed on, redacted.
                        #expect(bytes.contains("[redacted]"))
                    }
                }
            }
        }
    }

    @Test func anUnreachableUpstreamIsNamedWithoutItsPassword() async throws {
        let password = Self.randomKey()
        let settings = ProviderSettings.fromEnvironment([
            "OPENAI_BASE_URL": "http://user:\(password)@127.0.0.1:1/v1", "OPENAI_API_KEY": providerTestKey,
        ])
        try await withGatewayServer(upstream: { _ in settings }) { client, _ in
            let response = try await client.post(.openAI, Format.openAI.body())
            #expect(response.status == .badGateway)
            let bytes = String(buffer: response.body)
            #expect(bytes.contains("http://127.0.0.1:1/v1"))
            #expect(!bytes.contains(password))
        }
    }

    /// The server's limit is the only one: a valid 40 MiB body under 50 MiB is a request, not
    /// `400 invalid_json: document larger than 33554432 bytes`.
    @Test func aFortyMebibyteBodyIsAcceptedUnderTheFiftyMebibyteLimit() async throws {
        try await withGatewayServer(maxRequestBytes: 50 * 1024 * 1024) { client, fake in
            // The bulk in a system message, so the fake's answer (an echo of the last user
            // message) stays short.
            let text = String(repeating: "a", count: 40 * 1024 * 1024)
            let body = #"{"model":"gpt-4o-mini","messages":[{"role":"system","content":""# + text
                + #""},{"role":"user","content":"hi"}]}"#
            let response = try await client.post(.openAI, body)
            #expect(response.status == .ok)
            #expect(fake.requestCount == 1)
        }
    }
}
