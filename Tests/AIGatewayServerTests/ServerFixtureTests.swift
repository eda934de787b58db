import AIGateway
import FakeProvider
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@Suite struct ServerFixtureTests {
    static let directory = ProjectExchange.fixturesDirectory

    @Test func projectFixturesReplayInTheClientsFormatWithoutCallingTheProvider() async throws {
        let fixtures = try FixtureDirectory(path: Self.directory).all
        try await withGatewayServer(fixtures: FixtureSettings(directory: Self.directory, mode: .replay)) { client, fake in
            for exchange in ProjectExchange.all {
                let format: Format = exchange.provider == .openai ? .openAI : .anthropic
                let response = try await client.post(format, exchange.body)
                let request = try Canonicalizer.canonicalize(body: Array(exchange.body.utf8), provider: exchange.provider)
                let key = KeyDocument(request: request, scope: .tenant(CacheScope.defaultTenant)).key
                let fixture = try #require(fixtures.first { $0.fixture.key == key }?.fixture, "\(exchange.name): \(response.text)")
                switch fixture.response.content {
                case .json(let body):
                    #expect(response.status == .ok)
                    #expect(response.text == body.minifiedTextAsWritten, "\(exchange.name)")
                    #expect(response.header("x-aigw-cache") == "hit")
                case .events(let events):
                    #expect(response.events.map(\.data) == events.map(\.data), "\(exchange.name)")
                    #expect(response.events.map(\.event) == events.map(\.event), "\(exchange.name)")
                case .error(let type, _, _, _):
                    #expect(response.status.code == exchange.expectedStatus, "\(exchange.name)")
                    // Both APIs put the provider's error type at error.type.
                    #expect(response.json?["error"]?["type"]?.stringValue == type, "\(exchange.name)")
                    if exchange.expectedStatus == 429 { #expect(response.header("retry-after") == "30") }
                }
            }
            #expect(fake.requestCount == 0)
        }
    }

    @Test func aReplayMissIsAnErrorInTheAPIsShapeThatSaysHowToRecordIt() async throws {
        let settings = FixtureSettings(directory: Self.directory, mode: .replay, recordCommand: "aigw serve --fixtures Fixtures --mode record")
        try await withGatewayServer(fixtures: settings) { client, fake in
            let changed = ProjectBodies.anthropicMessage.replacingOccurrences(of: "France", with: "Italy")
            let response = try await client.post(.anthropic, changed)
            #expect(response.status == .notFound)
            #expect(response.json?["type"]?.stringValue == "error")
            let message = response.json?["error"]?["message"]?.stringValue ?? ""
            #expect(message.contains("messages"))
            #expect(message.contains("claude-3-5-haiku-20241022.json"))
            #expect(message.contains("aigw serve --fixtures Fixtures --mode record"))
            #expect(fake.requestCount == 0)
        }
    }

    @Test func anOpenAIFormatRequestForClaudeReplaysTheAnthropicFixture() async throws {
        try await withGatewayServer(fixtures: FixtureSettings(directory: Self.directory, mode: .replay)) { client, fake in
            let response = try await client.post(.openAI, ProjectBodies.anthropicMessage)
            #expect(response.status == .ok, "\(response.text)")
            #expect(response.json?["object"]?.stringValue == "chat.completion")
            #expect(response.json?["choices"]?[0]?["message"]?["content"]?.stringValue == "Paris is the capital of France.")
            #expect(fake.requestCount == 0)
        }
    }

    @Test(arguments: [Format.openAI, .anthropic])
    func recordThenReplayThroughTheServerGivesTheSameBytesAndEvents(format: Format) async throws {
        try await withTemporaryDirectory { directory in
            let recorded = try await withGatewayServer(fixtures: FixtureSettings(directory: directory, mode: .record)) { client, _ in
                let plain = try await client.post(format, format.body())
                let stream = try await client.post(format, format.body("stream it", stream: true))
                #expect(plain.header("x-aigw-cache") == "miss")
                return (plain.text, stream.events.map { "\($0.event ?? "-") \($0.data)" })
            }
            try await withGatewayServer(fixtures: FixtureSettings(directory: directory, mode: .replay)) { client, fake in
                let plain = try await client.post(format, format.body())
                let stream = try await client.post(format, format.body("stream it", stream: true))
                #expect(plain.text == recorded.0)
                #expect(stream.events.map { "\($0.event ?? "-") \($0.data)" } == recorded.1)
                #expect(fake.requestCount == 0)
            }
        }
    }
}
