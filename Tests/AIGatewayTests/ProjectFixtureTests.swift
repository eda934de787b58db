@testable import AIGateway
import FakeProvider
import Foundation
import Testing

/// Replays the repository's `Fixtures/` through the library, with no provider behind it.
/// `AIGW_FIXTURES_MODE=rerecord swift test --filter ProjectFixtureTests` records them again
/// from the fake provider's scripted answers (``ProjectExchange``); serialized so that the file
/// checks run after a recording.
@Suite(.serialized) struct ProjectFixtureTests {
    static let directory = ProjectExchange.fixturesDirectory

    @Test func everyProjectExchangeReplaysInBothForms() async throws {
        let settings = try FixtureSettings.fromEnvironment(directory: Self.directory)
        if settings.mode != .replay {
            try await FakeProviderServer.withServer { fake in
                try await withFixtureGateway(directory: Self.directory, mode: settings.mode, fake: fake) { gateway in
                    for exchange in ProjectExchange.all {
                        fake.enqueue(exchange.reply, for: exchange.route)
                        _ = try? await Self.answer(exchange, stream: exchange.stream, gateway: gateway)
                    }
                }
            }
        }
        try await withFixtureGateway(directory: Self.directory, mode: .replay) { gateway in
            for exchange in ProjectExchange.all {
                for stream in [exchange.stream, !exchange.stream] {
                    try await Self.check(exchange, stream: stream, gateway: gateway)
                }
            }
        }
    }

    @Test func everyProjectFixtureIsCurrentAndHasAnExchange() throws {
        let entries = try FixtureDirectory(path: Self.directory).all
        #expect(entries.count == ProjectExchange.all.count)
        for entry in entries {
            #expect(try entry.fixture.rekeyed().key == entry.fixture.key, "\(entry.file)")
            #expect(entry.fixture.fileBytes == fileBytes(Self.directory, entry.file), "\(entry.file) is not in the writer's form")
        }
    }

    static func answer(_ exchange: ProjectExchange, stream: Bool, gateway: AIGateway) async throws -> ResponseSummary? {
        var body = exchange.body
        if !stream { body = body.replacingOccurrences(of: #","stream":true"#, with: "") }
        if stream, !exchange.stream { body = String(body.dropLast()) + #","stream":true}"# }
        let call = rawCall(body, provider: exchange.provider, stream: stream)
        if stream {
            let events = try await gateway.completeStream(call)
            for try await _ in events {}
            return events.outcome?.summary
        }
        return try await gateway.complete(call).summary
    }

    static func check(_ exchange: ProjectExchange, stream: Bool, gateway: AIGateway) async throws {
        let form = "\(exchange.name) as \(stream ? "stream" : "JSON")"
        if let status = exchange.expectedStatus {
            let error = await #expect(throws: GatewayError.self, "\(form)") { try await answer(exchange, stream: stream, gateway: gateway) }
            #expect(error?.status == status, "\(form)")
            return
        }
        let summary = try #require(try await answer(exchange, stream: stream, gateway: gateway), "\(form)")
        if let text = exchange.expectedText { #expect(summary.text == text, "\(form)") }
        if let tool = exchange.expectedTool { #expect(summary.toolCalls.first?.name == tool, "\(form)") }
        #expect(summary.usage != nil, "\(form)")
    }
}
