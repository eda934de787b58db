@testable import AIGateway
@testable import AIGatewayCore
import FakeProvider
import Testing

/// A stream is rendered for the request being answered: its usage chunk is there exactly when
/// that request asked for it (`stream_options.include_usage`), whichever request stored it, live
/// or replayed, and whether the entry was stored from a stream or from JSON.
@Suite struct StreamUsageChunkTests {
    static func body(includeUsage: Bool, stream: Bool = true) -> String {
        let options = includeUsage ? #", "stream_options": {"include_usage": true}"# : ""
        return #"{"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "usage please"}], "stream": \#(stream)\#(options)}"#
    }

    /// The usage chunks among a stream's events (empty `choices`, a `usage` object).
    static func usageChunks(_ events: [ServerSentEvent]) -> Int {
        events.filter(OpenAIUsageChunk.isUsageChunk).count
    }

    static func events(_ stream: CompletionEventStream) async throws -> [ServerSentEvent] {
        var events: [ServerSentEvent] = []
        for try await event in stream { events.append(event) }
        return events
    }

    @Test(arguments: [(true, true), (true, false), (false, true), (false, false)])
    func aStreamHasItsUsageChunkExactlyWhenAsked(storedWithUsage: Bool, askedWithUsage: Bool) async throws {
        try await withLoopbackGateway { gateway, fake in
            let live = try await gateway.completeStream(rawCall(Self.body(includeUsage: storedWithUsage), provider: .openai, stream: true))
            let liveEvents = try await Self.events(live)
            #expect(Self.usageChunks(liveEvents) == (storedWithUsage ? 1 : 0))
            #expect(liveEvents.last?.data == "[DONE]")
            // The gateway asked for the usage either way, so the miss is priced.
            #expect(live.outcome?.cost != nil)

            let hit = try await gateway.completeStream(rawCall(Self.body(includeUsage: askedWithUsage), provider: .openai, stream: true))
            #expect(hit.cacheStatus == .hit)
            let replayed = try #require(hit.replayedEvents)
            #expect(Self.usageChunks(replayed) == (askedWithUsage ? 1 : 0))
            #expect(replayed.last?.data == "[DONE]")
            var parser = SSEParser()
            let fromBytes = parser.feed(try #require(hit.replayedBytes))
            #expect(fromBytes.map(\.data) == replayed.map(\.data))
            #expect(try await Self.events(hit).map(\.data) == replayed.map(\.data))
            #expect(fake.requestCount == 1)
        }
    }

    @Test(arguments: [true, false])
    func aStreamRenderedFromJSONHasItsUsageChunkExactlyWhenAsked(askedWithUsage: Bool) async throws {
        try await withLoopbackGateway { gateway, fake in
            _ = try await gateway.complete(rawCall(Self.body(includeUsage: false, stream: false), provider: .openai, stream: false))
            let hit = try await gateway.completeStream(rawCall(Self.body(includeUsage: askedWithUsage), provider: .openai, stream: true))
            let replayed = try #require(hit.replayedEvents)
            #expect(Self.usageChunks(replayed) == (askedWithUsage ? 1 : 0))
            #expect(fake.requestCount == 1)
        }
    }

    /// An entry stored without a usage chunk (by an earlier version, or from an upstream that
    /// ignores the option) gets one rendered from its stored usage when the client asks.
    @Test func aStoredStreamWithoutUsageGetsOneFromTheStoredUsage() throws {
        let summary = ResponseSummary(provider: .openai, id: "chatcmpl-1", model: "gpt-4o-mini", created: 1, text: "hi",
                                      providerFinishReason: "stop", usage: .init(openAIPromptTokens: 10, completionTokens: 2))
        let plain = summary.openAIChatCompletionStream(includeUsage: false)
        let withUsage = summary.openAIChatCompletionStream(includeUsage: true)
        let added = OpenAIUsageChunk.rendering(plain, included: true, summary: summary)
        var parser = SSEParser()
        let events = parser.feed(added)
        #expect(Self.usageChunks(events) == 1)
        #expect(events.last?.data == "[DONE]")
        #expect(OpenAIUsageChunk.rendering(added, included: false, summary: summary) == plain)
        #expect(OpenAIUsageChunk.rendering(plain, included: false, summary: summary) == plain)
        // Without the chunk the stream is what OpenAI sends a request that did not ask: no
        // usage chunk, and no `"usage":null` member in the chunks either.
        #expect(OpenAIUsageChunk.rendering(withUsage, included: false, summary: summary) == plain)
    }

    @Test func theUsageOptionIsAddedToABodyWithoutTouchingTheRest() throws {
        let plain = Array(#"{"model":"gpt-4o-mini","messages":[{"role":"user","content":"say \"stream_options\""}],"stream":true}"#.utf8)
        let asked = OpenAIStreamOptions.requestingUsage(plain)
        #expect(asked == Array(#"{"stream_options":{"include_usage":true},"model":"gpt-4o-mini","messages":[{"role":"user","content":"say \"stream_options\""}],"stream":true}"#.utf8))
        let off = Array(#"{"model": "m", "stream_options": {"include_usage": false, "x": 1.50}}"#.utf8)
        #expect(OpenAIStreamOptions.requestingUsage(off) == Array(#"{"model":"m","stream_options":{"x":1.50,"include_usage":true}}"#.utf8))
        #expect(OpenAIStreamOptions.requestingUsage(Array("{ }".utf8)) == Array(#"{"stream_options":{"include_usage":true} }"#.utf8))
    }
}
