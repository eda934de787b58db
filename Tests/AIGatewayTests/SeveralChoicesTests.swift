@testable import AIGateway
import FakeProvider
import Testing

/// OpenAI's `n > 1`: every choice is summarized, stored, and rendered back in both forms, so
/// such a request is cached like any other instead of failing.
@Suite struct SeveralChoicesTests {
    static let summary = ResponseSummary(
        provider: .openai, id: "chatcmpl-n", model: "gpt-4o-mini", created: 1_700_000_000, text: "first",
        providerFinishReason: "stop", usage: .init(openAIPromptTokens: 12, completionTokens: 9), systemFingerprint: "fp_1",
        additionalChoices: [
            ResponseChoice(text: "", toolCalls: [ToolCall(id: "call_2", name: "lookup", arguments: #"{"q":1}"#)],
                           providerFinishReason: "tool_calls"),
            ResponseChoice(text: "third", refusal: nil, providerFinishReason: "length"),
        ]
    )

    @Test func aBodyWithSeveralChoicesIsSummarizedWhole() throws {
        let body = Self.summary.openAIChatCompletionBody()
        let read = try ResponseSummary(openAIChatCompletion: body)
        #expect(read == Self.summary)
        #expect(read.choices.map(\.providerFinishReason) == ["stop", "tool_calls", "length"])
        let json = try JSONParser.parse(body)
        #expect(json["choices"]?[2]?["index"] == .number(JSONNumber(2)))
    }

    @Test(arguments: [false, true])
    func aStreamWithSeveralChoicesGivesTheSummaryOfItsBody(interleaved: Bool) throws {
        var events = Self.summary.openAIChatCompletionChunks(includeUsage: true)
        if interleaved { events = events.interleavingChoices() }
        var accumulator = OpenAIStreamAccumulator()
        for event in events { try accumulator.add(event) }
        #expect(try accumulator.summary() == Self.summary)
    }

    @Test func severalChoicesSurviveStorage() throws {
        #expect(try ResponseSummary(decoding: Self.summary.encoded()) == Self.summary)
        // One choice is stored exactly as before choices were kept.
        var single = Self.summary
        single.additionalChoices = []
        #expect(!String(decoding: single.encoded(), as: UTF8.self).contains("additionalChoices"))
        #expect(try ResponseSummary(decoding: single.encoded()) == single)
    }

    @Test func choicesWithAGapAreNotSummarized() throws {
        let body = #"{"id":"x","object":"chat.completion","created":1,"model":"m","choices":[{"index":1,"message":{"role":"assistant","content":"a"},"finish_reason":"stop"}]}"#
        #expect(throws: ResponseDecodingError.self) { try ResponseSummary(openAIChatCompletion: Array(body.utf8)) }
    }

    @Test(arguments: [false, true])
    func aRequestForTwoChoicesIsCachedAcrossJSONAndStream(streamFirst: Bool) async throws {
        try await withLoopbackGateway { gateway, fake in
            let body = { (stream: Bool) in
                #"{"model": "gpt-4o-mini", "n": 2, "messages": [{"role": "user", "content": "two"}], "stream": \#(stream)}"#
            }
            func jsonAnswer() async throws -> ResponseSummary {
                let outcome = try await gateway.complete(rawCall(body(false), provider: .openai, stream: false))
                return try ResponseSummary(openAIChatCompletion: outcome.cacheStatus == .miss ? outcome.responseBody
                                                                                            : outcome.summary.openAIChatCompletionBody())
            }
            func streamAnswer() async throws -> ResponseSummary {
                var accumulator = OpenAIStreamAccumulator()
                for try await event in try await gateway.completeStream(rawCall(body(true), provider: .openai, stream: true)) {
                    try accumulator.add(event)
                }
                return try accumulator.summary()
            }
            let first = streamFirst ? try await streamAnswer() : try await jsonAnswer()
            let second = streamFirst ? try await jsonAnswer() : try await streamAnswer()
            #expect(first.choices.map(\.text) == ["echo: two", "echo: two #1"])
            #expect(second.choices.map(\.text) == first.choices.map(\.text))
            #expect(fake.requestCount == 1)
        }
    }
}
