import Foundation
import Testing
@testable import AIGateway
@testable import AIGatewayCore

@Suite struct ResponseAccumulationTests {
    @Test(arguments: ResponseSamples.exchanges)
    func recordedStreamGivesTheExpectedSummary(_ exchange: ResponseSamples.Exchange) throws {
        let (events, end) = SSEFeeding.parse(exchange.stream)
        #expect(!end.isTruncated)
        #expect(try ResponseSamples.accumulate(events, as: exchange.provider) == exchange.summary)
    }

    @Test(arguments: ResponseSamples.exchanges)
    func streamSplitIntoRandomSmallChunksGivesTheSameSummary(_ exchange: ResponseSamples.Exchange) throws {
        for seed in UInt64(1)...20 {
            let (events, _) = SSEFeeding.parse(SSEFeeding.randomChunks(Array(exchange.stream.utf8), seed: seed))
            #expect(try ResponseSamples.accumulate(events, as: exchange.provider) == exchange.summary, "seed \(seed)")
        }
    }

    @Test(arguments: ResponseSamples.exchanges)
    func nonStreamBodyGivesTheSameSummaryAsTheStream(_ exchange: ResponseSamples.Exchange) throws {
        let fromBody = try ResponseSamples.summarize(body: Array(exchange.body.utf8), as: exchange.provider)
        let fromStream = try ResponseSamples.accumulate(SSEFeeding.parse(exchange.stream).events, as: exchange.provider)
        #expect(fromBody == exchange.summary)
        #expect(fromBody == fromStream)
    }

    @Test(arguments: ResponseSamples.exchanges)
    func streamWithoutItsFinalEventIsIncomplete(_ exchange: ResponseSamples.Exchange) throws {
        var events = SSEFeeding.parse(exchange.stream).events
        events.removeLast()
        switch exchange.provider {
        case .openai:
            var accumulator = OpenAIStreamAccumulator()
            for event in events { try accumulator.add(event) }
            #expect(!accumulator.isComplete)
            #expect(throws: ResponseDecodingError.incompleteStream("no data: [DONE]")) { try accumulator.summary() }
        case .anthropic:
            var accumulator = AnthropicStreamAccumulator()
            for event in events { try accumulator.add(event) }
            #expect(!accumulator.isComplete)
            #expect(throws: ResponseDecodingError.incompleteStream("no message_stop")) { try accumulator.summary() }
        }
    }

    @Test func openAIErrorObjectInTheStreamThrowsAProviderError() throws {
        var events = Array(SSEFeeding.parse(SSESamples.openAIChat).events.prefix(3))
        events.append(ServerSentEvent(data: #"{"error":{"message":"The server had an error while processing your request. Sorry about that!","type":"server_error","param":null,"code":null}}"#))
        var accumulator = OpenAIStreamAccumulator()
        for event in events.dropLast() { try accumulator.add(event) }
        #expect(throws: ResponseDecodingError.providerError(
            provider: .openai,
            type: "server_error",
            code: nil,
            message: "The server had an error while processing your request. Sorry about that!"
        )) {
            try accumulator.add(events.last!)
        }
    }

    @Test func anthropicErrorEventThrowsAProviderError() throws {
        let stream = """
        event: message_start
        data: {"type":"message_start","message":{"id":"msg_1","type":"message","role":"assistant","model":"claude-x","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":3,"output_tokens":1}}}

        event: error
        data: {"type": "error", "error": {"type": "overloaded_error", "message": "Overloaded"}}


        """
        let events = SSEFeeding.parse(stream).events
        var accumulator = AnthropicStreamAccumulator()
        try accumulator.add(events[0])
        #expect(throws: ResponseDecodingError.providerError(provider: .anthropic, type: "overloaded_error", code: nil, message: "Overloaded")) {
            try accumulator.add(events[1])
        }
    }

    @Test func errorBodiesThrowProviderErrors() {
        let openAI = #"{"error":{"message":"Rate limit reached","type":"requests","param":null,"code":"rate_limit_exceeded"}}"#
        #expect(throws: ResponseDecodingError.providerError(provider: .openai, type: "requests", code: "rate_limit_exceeded", message: "Rate limit reached")) {
            try ResponseSummary(openAIChatCompletion: Array(openAI.utf8))
        }
        let anthropic = #"{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"},"request_id":"req_1"}"#
        #expect(throws: ResponseDecodingError.providerError(provider: .anthropic, type: "overloaded_error", code: nil, message: "Overloaded")) {
            try ResponseSummary(anthropicMessage: Array(anthropic.utf8))
        }
    }

    @Test func providerErrorDescriptionDoesNotCarryTheWholeMessage() {
        let long = String(repeating: "x", count: 5000)
        let error = ResponseDecodingError.openAI(["message": .string(long), "type": "server_error"])
        #expect(error.description.count < 200)
        #expect(error.description.hasPrefix("openai error server_error: xxx"))
    }

    @Test func eventsAfterTheEndAreRejected() throws {
        var openAI = OpenAIStreamAccumulator()
        for event in SSEFeeding.parse(SSESamples.openAIChat).events { try openAI.add(event) }
        #expect(throws: ResponseDecodingError.eventAfterEnd("[DONE]")) { try openAI.add(ServerSentEvent(data: "[DONE]")) }

        var anthropic = AnthropicStreamAccumulator()
        for event in SSEFeeding.parse(SSESamples.anthropicMessages).events { try anthropic.add(event) }
        #expect(throws: ResponseDecodingError.eventAfterEnd("message_stop")) {
            try anthropic.add(ServerSentEvent(event: "message_stop", data: #"{"type":"message_stop"}"#))
        }
    }

    @Test func openAIToolArgumentsAreKeptByteForByte() throws {
        // Spacing, key order, escapes and number spelling are the model's; none may change.
        let fragments = [#"{ "b" :1.50,"#, #" "a": "\u00e9\n",  "#, #""c":[ ] }"#]
        var events: [ServerSentEvent] = [ServerSentEvent(data: #"{"id":"c1","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"role":"assistant","content":null,"tool_calls":[{"index":0,"id":"call_1","type":"function","function":{"name":"f","arguments":""}}]},"finish_reason":null}]}"#)]
        for fragment in fragments {
            let delta: JSONValue = ["tool_calls": [["index": 0, "function": ["arguments": .string(fragment)]]]]
            let chunk: JSONValue = ["id": "c1", "object": "chat.completion.chunk", "created": 1, "model": "m", "choices": [["index": 0, "delta": delta, "finish_reason": nil]]]
            events.append(ServerSentEvent(data: chunk.minifiedTextAsWritten))
        }
        events.append(ServerSentEvent(data: #"{"id":"c1","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{},"finish_reason":"tool_calls"}]}"#))
        events.append(ServerSentEvent(data: "[DONE]"))
        let summary = try ResponseSamples.accumulate(events, as: .openai)
        #expect(summary.toolCalls.map(\.arguments) == [fragments.joined()])
        #expect(summary.usage == nil)

        let reparsed = try ResponseSummary(openAIChatCompletion: summary.openAIChatCompletionBody())
        #expect(reparsed.toolCalls.map(\.arguments) == [fragments.joined()])
    }

    @Test func anthropicToolInputIsCompactInItsOwnKeyOrderFromStreamAndBody() throws {
        let partial = [#"{"zeta": 1.50, "#, #""alpha": "caf\u00e9 \"q\"", "nested": {"#, #""y": [1, 2e3, -0], "x": null}}"#]
        var stream = """
        event: message_start
        data: {"type":"message_start","message":{"id":"msg_1","type":"message","role":"assistant","model":"claude-x","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":3,"output_tokens":1}}}

        event: content_block_start
        data: {"type":"content_block_start","index":0,"content_block":{"type":"tool_use","id":"toolu_1","name":"f","input":{}}}


        """
        for fragment in partial {
            let delta: JSONValue = ["type": "content_block_delta", "index": 0, "delta": ["type": "input_json_delta", "partial_json": .string(fragment)]]
            stream += "event: content_block_delta\ndata: \(delta.minifiedTextAsWritten)\n\n"
        }
        stream += """
        event: content_block_stop
        data: {"type":"content_block_stop","index":0}

        event: message_delta
        data: {"type":"message_delta","delta":{"stop_reason":"tool_use","stop_sequence":null},"usage":{"output_tokens":9}}

        event: message_stop
        data: {"type":"message_stop"}


        """
        let expected = #"{"zeta":1.50,"alpha":"café \"q\"","nested":{"y":[1,2e3,-0],"x":null}}"#
        let fromStream = try ResponseSamples.accumulate(SSEFeeding.parse(stream).events, as: .anthropic)
        #expect(fromStream.toolCalls.map(\.arguments) == [expected])

        let body = #"{"id":"msg_1","type":"message","role":"assistant","model":"claude-x","content":[{"type":"tool_use","id":"toolu_1","name":"f","input":{ "zeta" : 1.50 , "alpha":"caf\u00e9 \"q\"","nested":{"y":[1,2e3,-0],"x":null}}}],"stop_reason":"tool_use","stop_sequence":null,"usage":{"input_tokens":3,"output_tokens":9}}"#
        let fromBody = try ResponseSummary(anthropicMessage: Array(body.utf8))
        #expect(fromBody == fromStream)
    }

    @Test func anthropicToolWithNoInputFragmentsUsesTheStartInput() throws {
        let stream = """
        event: message_start
        data: {"type":"message_start","message":{"id":"msg_1","type":"message","role":"assistant","model":"claude-x","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":3,"output_tokens":1}}}

        event: content_block_start
        data: {"type":"content_block_start","index":0,"content_block":{"type":"tool_use","id":"toolu_1","name":"now","input":{}}}

        event: content_block_delta
        data: {"type":"content_block_delta","index":0,"delta":{"type":"input_json_delta","partial_json":""}}

        event: content_block_stop
        data: {"type":"content_block_stop","index":0}

        event: message_delta
        data: {"type":"message_delta","delta":{"stop_reason":"tool_use","stop_sequence":null},"usage":{"output_tokens":5}}

        event: message_stop
        data: {"type":"message_stop"}


        """
        let summary = try ResponseSamples.accumulate(SSEFeeding.parse(stream).events, as: .anthropic)
        #expect(summary.toolCalls == [.init(id: "toolu_1", name: "now", arguments: "{}")])
    }

    @Test func anthropicCacheCountsAndStopSequenceAreRecorded() throws {
        let stream = """
        event: message_start
        data: {"type":"message_start","message":{"id":"msg_2","type":"message","role":"assistant","model":"claude-x","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":12,"cache_creation_input_tokens":1500,"cache_read_input_tokens":3000,"output_tokens":1}}}

        event: content_block_start
        data: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}

        event: content_block_delta
        data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"1, 2, 3"}}

        event: content_block_stop
        data: {"type":"content_block_stop","index":0}

        event: message_delta
        data: {"type":"message_delta","delta":{"stop_reason":"stop_sequence","stop_sequence":"4"},"usage":{"output_tokens":7}}

        event: message_stop
        data: {"type":"message_stop"}


        """
        let summary = try ResponseSamples.accumulate(SSEFeeding.parse(stream).events, as: .anthropic)
        #expect(summary.usage == .init(uncachedInput: 12, output: 7, cacheRead: 3000, cacheWrite: 1500))
        #expect(summary.usage == BilledTokens(anthropicInputTokens: 12, outputTokens: 7, cacheReadInputTokens: 3000, cacheCreationInputTokens: 1500))
        #expect(summary.stopSequence == "4")
        #expect(summary.finishReason == .stop)
    }

    @Test func openAICachedTokensAreSplitOutOfPromptTokens() throws {
        var body = ResponseSamples.openAIChatBody
        body = body.replacingOccurrences(of: #""cached_tokens": 0"#, with: #""cached_tokens": 64"#)
        let summary = try ResponseSummary(openAIChatCompletion: Array(body.utf8))
        #expect(summary.usage == .init(uncachedInput: 36, output: 200, cacheRead: 64))
        #expect(summary.usage?.openAIPromptTokens == 100)
        #expect(summary.usage == BilledTokens(openAIPromptTokens: 100, completionTokens: 200, cachedTokens: 64))
    }

    /// Once unsupported (n = 1 only); issue #21 made every choice part of the summary.
    @Test func severalChoicesAreSummarized() throws {
        let body = #"{"id":"c","object":"chat.completion","created":1,"model":"m","choices":[{"index":0,"message":{"role":"assistant","content":"a"},"finish_reason":"stop"},{"index":1,"message":{"role":"assistant","content":"b"},"finish_reason":"stop"}]}"#
        let summary = try ResponseSummary(openAIChatCompletion: Array(body.utf8))
        #expect(summary.choices.map(\.text) == ["a", "b"])
    }

    @Test func anthropicThinkingBlockIsUnsupported() {
        let body = #"{"id":"m","type":"message","role":"assistant","model":"c","content":[{"type":"thinking","thinking":"hm","signature":"s"}],"stop_reason":"end_turn","stop_sequence":null,"usage":{"input_tokens":1,"output_tokens":1}}"#
        #expect(throws: ResponseDecodingError.unsupported("content block of type thinking")) {
            try ResponseSummary(anthropicMessage: Array(body.utf8))
        }
    }

    @Test func bodyMissingAFieldNamesItsPath() {
        let body = #"{"id":"c","object":"chat.completion","created":1,"model":"m","choices":[{"index":0,"message":{"role":"assistant","content":"a"}}]}"#
        #expect(throws: ResponseDecodingError.missingField("choices[0].finish_reason")) {
            try ResponseSummary(openAIChatCompletion: Array(body.utf8))
        }
    }
}

/// How leniently response bodies are read: providers' JSON is taken as meant wherever its
/// meaning is still clear, unlike a request's, which must be unambiguous to be cached.
@Suite struct ResponseParsingTests {
    private static func anthropicBody(text: String) -> String {
        #"{"id":"m","type":"message","role":"assistant","model":"c","content":[{"type":"text","text":""# + text
            + #""}],"stop_reason":"end_turn","stop_sequence":null,"usage":{"input_tokens":1,"output_tokens":1}}"#
    }

    @Test func duplicateKeysTakeTheLastAndNullCountsAsAbsent() throws {
        let body = #"{"id":"c","object":"chat.completion","created":1,"model":"a","model":"b","choices":[{"index":0,"message":{"role":"assistant","content":"x","refusal":null},"finish_reason":"stop"}],"system_fingerprint":null}"#
        let summary = try ResponseSummary(openAIChatCompletion: Array(body.utf8))
        #expect(summary.model == "b")
        #expect(summary.refusal == nil)
        #expect(summary.systemFingerprint == nil)
    }

    @Test func escapesAndSurrogatePairsDecodeAndLoneSurrogatesBecomeReplacementCharacters() throws {
        let body = Self.anthropicBody(text: #"a\"b\\c\/d\n\u00e9\ud83d\ude00\ud800x\ude00"#)
        let summary = try ResponseSummary(anthropicMessage: Array(body.utf8))
        #expect(summary.text == "a\"b\\c/d\né😀\u{FFFD}x\u{FFFD}")
    }

    @Test func invalidUTF8InAStringBecomesReplacementCharacters() throws {
        let parts = Self.anthropicBody(text: "|").split(separator: "|", omittingEmptySubsequences: false)
        let body = Array(parts[0].utf8) + [UInt8(ascii: "a"), 0xFF, 0xE2, 0x82, UInt8(ascii: "b")] + Array(parts[1].utf8)
        let summary = try ResponseSummary(anthropicMessage: body)
        #expect(summary.text == "a\u{FFFD}\u{FFFD}b")
        #expect(throws: ResponseDecodingError.self) { try ResponseSummary(anthropicMessage: body + Array(" x".utf8)) }
    }

    @Test(arguments: [
        "", "{", "[1,]", "{\"a\":1,}", "01", "1.", "-", "1e", "tru", "\"a", "\"\u{01}\"", "{\"a\" 1}", "[1] 2", "\"\\x\"",
    ])
    func malformedBodyIsInvalidJSON(_ text: String) {
        for provider in [Provider.openai, .anthropic] {
            do {
                _ = try ResponseSamples.summarize(body: Array(text.utf8), as: provider)
                Issue.record("\(provider) accepted \(text)")
            } catch {
                guard case .invalidJSON = error as? ResponseDecodingError else {
                    Issue.record("\(provider): \(error)")
                    continue
                }
            }
        }
    }

    @Test func nestingIsLimitedTo256Levels() throws {
        // The body object is the first level.
        func body(depth: Int) -> [UInt8] {
            let nested = String(repeating: "[", count: depth - 1) + String(repeating: "]", count: depth - 1)
            return Array(Self.anthropicBody(text: "t").replacingOccurrences(of: #""usage""#, with: #""extra":\#(nested),"usage""#).utf8)
        }
        #expect(try ResponseSummary(anthropicMessage: body(depth: 256)).text == "t")
        #expect(throws: ResponseDecodingError.self) { try ResponseSummary(anthropicMessage: body(depth: 257)) }
        #expect(throws: ResponseDecodingError.self) { try ResponseSummary(anthropicMessage: body(depth: 100_000)) }
    }
}
