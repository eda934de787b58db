@testable import AIGateway
import Testing

@Suite struct GatewayStreamingTests {
    @Test func streamingMissForwardsTextAndStoresTheAnswer() async throws {
        let transport = ScriptedTransport()
        try await withGateway(transport: transport) { gateway in
            let stream = try await gateway.generateTextStream(weatherRequest)
            #expect(!stream.cached)
            var text = ""
            for try await piece in stream.stream { text += piece }
            #expect(text == "Grüße 👋 How can I help you today?")
            let response = try #require(stream.response)
            #expect(response.cost == USD(parsing: "0.000135"))
            #expect(response.usage.totalTokens == 300)

            // The stream's entry answers a non-stream request, and a stream request again.
            let plain = try await gateway.generateText(weatherRequest)
            #expect(plain.cached && plain.content == text)
            let replay = try await gateway.generateTextStream(weatherRequest)
            var replayed = ""
            for try await piece in replay.stream { replayed += piece }
            #expect(replay.cached && replayed == text)
            #expect(transport.callCount == 1)
        }
    }

    @Test func nonStreamEntryAnswersAStreamRequest() async throws {
        let transport = ScriptedTransport()
        try await withGateway(transport: transport) { gateway in
            let plain = try await gateway.generateText(weatherRequest)
            let stream = try await gateway.generateTextStream(weatherRequest)
            var text = ""
            for try await piece in stream.stream { text += piece }
            #expect(stream.cached)
            #expect(text == plain.content)
            #expect(stream.response?.costSaved == plain.cost)
            #expect(transport.callCount == 1)
        }
    }

    /// A replayed stream's bytes are taken as kept, without parsing them into events: they are
    /// what writing its events out gives, both for an entry stored from a stream (then they are
    /// the bytes the miss forwarded) and for one stored from JSON (its events rendered).
    @Test(arguments: [true, false])
    func aReplayedStreamsBytesAreItsEventsWrittenOut(storedFromStream: Bool) async throws {
        let transport = ScriptedTransport()
        try await withGateway(transport: transport) { gateway in
            let body = #"{"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "hello"}]}"#
            var forwarded: [UInt8] = []
            if storedFromStream {
                for try await event in try await gateway.completeStream(rawCall(body, provider: .openai, stream: true)) {
                    forwarded += event.rawBytes
                }
            } else {
                _ = try await gateway.complete(rawCall(body, provider: .openai, stream: false))
            }
            let hit = try await gateway.completeStream(rawCall(body, provider: .openai, stream: true))
            #expect(hit.cacheStatus == .hit)
            let writer = SSEWriter()
            let written = try #require(hit.replayedEvents).flatMap { try $0.bytes(writtenBy: writer) }
            #expect(!written.isEmpty)
            #expect(hit.replayedBytes == written)
            if storedFromStream { #expect(hit.replayedBytes == forwarded) }
            #expect(transport.callCount == 1)
        }
    }

    @Test func midStreamFailureLeavesNoEntry() async throws {
        let transport = ScriptedTransport()
        transport.failNext(.breakStreamAfter(events: 3))
        try await withGateway(transport: transport) { gateway in
            let stream = try await gateway.generateTextStream(weatherRequest)
            await #expect(throws: GatewayError.self) {
                for try await _ in stream.stream {}
            }
            #expect(stream.response == nil)
            let next = try await gateway.generateText(weatherRequest)
            #expect(!next.cached)
            #expect(transport.callCount == 2)
        }
    }

    @Test func anthropicStreamAccumulatesAndReplays() async throws {
        let transport = ScriptedTransport()
        try await withGateway(transport: transport) { gateway in
            var request = weatherRequest
            request.model = "claude-3-5-sonnet-20241022"
            let stream = try await gateway.generateTextStream(request)
            var text = ""
            for try await piece in stream.stream { text += piece }
            #expect(!text.isEmpty)
            #expect(stream.response?.provider == .anthropic)
            let again = try await gateway.generateText(request)
            #expect(again.cached && again.content == text)
        }
    }
}
