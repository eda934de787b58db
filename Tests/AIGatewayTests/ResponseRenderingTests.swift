import Testing
@testable import AIGateway
@testable import AIGatewayCore

@Suite struct ResponseRenderingTests {
    static let summaries = ResponseSamples.exchanges.map(\.summary)

    /// Encodes rendered events to bytes and reads them back through the SSE parser and the
    /// accumulator for `provider`, as a client of the gateway would.
    static func parse(_ events: [ServerSentEvent], as provider: Provider) throws -> ResponseSummary {
        let bytes = ResponseSummary.streamBytes(events)
        let (parsed, end) = SSEFeeding.parse(bytes)
        #expect(end == .complete(trailingBytes: []))
        return try ResponseSamples.accumulate(parsed, as: provider)
    }

    @Test(arguments: summaries.filter { $0.provider == .openai })
    func openAIBodyRoundTrips(_ summary: ResponseSummary) throws {
        #expect(try ResponseSummary(openAIChatCompletion: summary.openAIChatCompletionBody()) == summary)
    }

    @Test(arguments: summaries.filter { $0.provider == .openai })
    func openAIChunksRoundTrip(_ summary: ResponseSummary) throws {
        #expect(try Self.parse(summary.openAIChatCompletionChunks(includeUsage: true), as: .openai) == summary)
        var withoutUsage = summary
        withoutUsage.usage = nil
        #expect(try Self.parse(summary.openAIChatCompletionChunks(includeUsage: false), as: .openai) == withoutUsage)
    }

    @Test(arguments: summaries.filter { $0.provider == .anthropic })
    func anthropicBodyRoundTrips(_ summary: ResponseSummary) throws {
        #expect(try ResponseSummary(anthropicMessage: summary.anthropicMessageBody()) == summary)
    }

    @Test(arguments: summaries.filter { $0.provider == .anthropic })
    func anthropicStreamRoundTrips(_ summary: ResponseSummary) throws {
        #expect(try Self.parse(summary.anthropicMessageStream(), as: .anthropic) == summary)
    }

    @Test func openAIBodyHasTheChatCompletionShape() {
        let body = String(decoding: ResponseSamples.openAIToolCallsSummary.openAIChatCompletionBody(), as: UTF8.self)
        #expect(body == #"{"id":"chatcmpl-AXb4Tq1W8eYhZr3nM5kL7pO9iU2","object":"chat.completion","created":1764403260,"model":"gpt-4o-2024-08-06","choices":[{"index":0,"message":{"role":"assistant","content":null,"tool_calls":[{"id":"call_8Qm3vXyZ1aB2cD3eF4gH5iJ6","type":"function","function":{"name":"get_weather","arguments":"{\"location\":\"Paris, France\"}"}}],"refusal":null},"logprobs":null,"finish_reason":"tool_calls"}],"usage":{"prompt_tokens":82,"completion_tokens":17,"total_tokens":99,"prompt_tokens_details":{"cached_tokens":0}},"system_fingerprint":"fp_7e3b1c2d4a"}"#)
    }

    @Test func openAIChunksFollowOpenAIsOrder() {
        let events = ResponseSamples.openAIChatSummary.openAIChatCompletionChunks(includeUsage: true)
        #expect(events.allSatisfy { $0.event == nil })
        #expect(events.map(\.data) == [
            #"{"id":"chatcmpl-AXb3kT9qK2vR7mNcP1sLdE0fGhJ","object":"chat.completion.chunk","created":1764403200,"model":"gpt-4o-mini-2024-07-18","system_fingerprint":"fp_0aa8d3e20b","choices":[{"index":0,"delta":{"role":"assistant","content":"","refusal":null},"logprobs":null,"finish_reason":null}],"usage":null}"#,
            #"{"id":"chatcmpl-AXb3kT9qK2vR7mNcP1sLdE0fGhJ","object":"chat.completion.chunk","created":1764403200,"model":"gpt-4o-mini-2024-07-18","system_fingerprint":"fp_0aa8d3e20b","choices":[{"index":0,"delta":{"content":"Grüße 👋 How can I help you today?"},"logprobs":null,"finish_reason":null}],"usage":null}"#,
            #"{"id":"chatcmpl-AXb3kT9qK2vR7mNcP1sLdE0fGhJ","object":"chat.completion.chunk","created":1764403200,"model":"gpt-4o-mini-2024-07-18","system_fingerprint":"fp_0aa8d3e20b","choices":[{"index":0,"delta":{},"logprobs":null,"finish_reason":"stop"}],"usage":null}"#,
            #"{"id":"chatcmpl-AXb3kT9qK2vR7mNcP1sLdE0fGhJ","object":"chat.completion.chunk","created":1764403200,"model":"gpt-4o-mini-2024-07-18","system_fingerprint":"fp_0aa8d3e20b","choices":[],"usage":{"prompt_tokens":100,"completion_tokens":200,"total_tokens":300,"prompt_tokens_details":{"cached_tokens":0}}}"#,
            "[DONE]",
        ])
    }

    @Test func openAIToolCallHeaderRidesInTheRoleChunkWhenThereIsNoText() {
        let events = ResponseSamples.openAIToolCallsSummary.openAIChatCompletionChunks(includeUsage: false)
        #expect(events.count == 4)
        #expect(events[0].data.contains(#""delta":{"role":"assistant","content":null,"tool_calls":[{"index":0,"id":"call_8Qm3vXyZ1aB2cD3eF4gH5iJ6","type":"function","function":{"name":"get_weather","arguments":""}}],"refusal":null}"#))
        #expect(events[1].data.contains(#""delta":{"tool_calls":[{"index":0,"function":{"arguments":"{\"location\":\"Paris, France\"}"}}]}"#))
        #expect(!events[0].data.contains("usage"))
    }

    @Test func anthropicBodyHasTheMessageShape() {
        let body = String(decoding: ResponseSamples.anthropicToolUseSummary.anthropicMessageBody(), as: UTF8.self)
        #expect(body == #"{"id":"msg_014p7gG3wDgGV9EUtLvnow3U","type":"message","role":"assistant","model":"claude-sonnet-4-5-20250929","content":[{"type":"text","text":"I'll check the weather in San Francisco for you."},{"type":"tool_use","id":"toolu_01T1x1fJ34qAmk2tNTrN7Up6","name":"get_weather","input":{"location":"San Francisco, CA","unit":"celsius"}}],"stop_reason":"tool_use","stop_sequence":null,"usage":{"input_tokens":472,"cache_creation_input_tokens":0,"cache_read_input_tokens":0,"output_tokens":89}}"#)
    }

    @Test func anthropicStreamFollowsAnthropicsEventOrder() {
        let events = ResponseSamples.anthropicToolUseSummary.anthropicMessageStream()
        #expect(events.map(\.type) == [
            "message_start",
            "content_block_start", "content_block_delta", "content_block_stop",
            "content_block_start", "content_block_delta", "content_block_stop",
            "message_delta", "message_stop",
        ])
        #expect(events[0].data == #"{"type":"message_start","message":{"id":"msg_014p7gG3wDgGV9EUtLvnow3U","type":"message","role":"assistant","model":"claude-sonnet-4-5-20250929","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":472,"cache_creation_input_tokens":0,"cache_read_input_tokens":0,"output_tokens":0}}}"#)
        #expect(events[4].data == #"{"type":"content_block_start","index":1,"content_block":{"type":"tool_use","id":"toolu_01T1x1fJ34qAmk2tNTrN7Up6","name":"get_weather","input":{}}}"#)
        #expect(events[5].data == #"{"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"{\"location\":\"San Francisco, CA\",\"unit\":\"celsius\"}"}}"#)
        #expect(events[7].data == #"{"type":"message_delta","delta":{"stop_reason":"tool_use","stop_sequence":null},"usage":{"output_tokens":89}}"#)
        #expect(events[8].data == #"{"type":"message_stop"}"#)
        #expect(events.allSatisfy { $0.event == $0.type })
    }

    @Test func anthropicDataRendersAsOpenAIWithMappedReasonAndUsage() throws {
        var summary = ResponseSamples.anthropicToolUseSummary
        summary.usage = .init(uncachedInput: 10, output: 89, cacheRead: 400, cacheWrite: 62)
        summary.created = 1_764_403_300
        let openAI = try ResponseSummary(openAIChatCompletion: summary.openAIChatCompletionBody())
        #expect(openAI.finishReason == .toolCalls)
        #expect(openAI.providerFinishReason == "tool_calls")
        #expect(openAI.text == summary.text)
        #expect(openAI.toolCalls == summary.toolCalls)
        #expect(openAI.created == 1_764_403_300)
        // OpenAI shape has no cache-write count: those tokens read back as uncached input.
        #expect(openAI.usage == .init(uncachedInput: 72, output: 89, cacheRead: 400))
        #expect(openAI.usage?.openAIPromptTokens == 472)

        let fromChunks = try Self.parse(summary.openAIChatCompletionChunks(includeUsage: true), as: .openai)
        #expect(fromChunks == openAI)
    }

    @Test func openAIDataRendersAsAnthropicWithMappedReasonAndUsage() throws {
        var summary = ResponseSamples.openAIToolCallsSummary
        summary.usage = .init(openAIPromptTokens: 82, completionTokens: 17, cachedTokens: 64)
        let anthropic = try ResponseSummary(anthropicMessage: summary.anthropicMessageBody())
        #expect(anthropic.providerFinishReason == "tool_use")
        #expect(anthropic.toolCalls == summary.toolCalls)
        #expect(anthropic.usage == summary.usage)
        #expect(try Self.parse(summary.anthropicMessageStream(), as: .anthropic) == anthropic)
    }

    @Test(arguments: [
        ("end_turn", "stop"), ("stop_sequence", "stop"), ("max_tokens", "length"),
        ("model_context_window_exceeded", "length"), ("tool_use", "tool_calls"), ("refusal", "content_filter"),
        ("pause_turn", "stop"),
    ])
    func anthropicStopReasonMapsToOpenAIFinishReason(_ anthropic: String, _ openAI: String) {
        let summary = ResponseSummary(provider: .anthropic, id: "m", model: "c", providerFinishReason: anthropic)
        #expect(summary.finishReasonValue(for: .openai) == openAI)
        #expect(summary.finishReasonValue(for: .anthropic) == anthropic)
    }

    @Test(arguments: [
        ("stop", "end_turn"), ("length", "max_tokens"), ("tool_calls", "tool_use"),
        ("content_filter", "refusal"), ("function_call", "end_turn"),
    ])
    func openAIFinishReasonMapsToAnthropicStopReason(_ openAI: String, _ anthropic: String) {
        let summary = ResponseSummary(provider: .openai, id: "c", model: "g", providerFinishReason: openAI)
        #expect(summary.finishReasonValue(for: .anthropic) == anthropic)
        #expect(summary.finishReasonValue(for: .openai) == openAI)
    }

    @Test func openAIRefusalRoundTripsAndShowsAsAnthropicText() throws {
        let summary = ResponseSummary(provider: .openai, id: "c", model: "g", created: 5, refusal: "I can't help with that.", providerFinishReason: "stop")
        #expect(try ResponseSummary(openAIChatCompletion: summary.openAIChatCompletionBody()) == summary)
        #expect(try Self.parse(summary.openAIChatCompletionChunks(includeUsage: false), as: .openai) == summary)
        #expect(try ResponseSummary(anthropicMessage: summary.anthropicMessageBody()).text == "I can't help with that.")
    }
}

@Suite struct ResponseRenderingEdgeTests {
    static let parallel = ResponseSummary(
        provider: .openai,
        id: "chatcmpl-p",
        model: "gpt-4o",
        created: 9,
        text: "Checking both.",
        toolCalls: [
            .init(id: "call_a", name: "get_weather", arguments: #"{"city":"Oslo"}"#),
            .init(id: "call_b", name: "get_time", arguments: ""),
            .init(id: "call_c", name: "get_weather", arguments: #"{"city":"Lima"}"#),
        ],
        providerFinishReason: "tool_calls",
        usage: .init(uncachedInput: 7, output: 30, cacheRead: 1024),
        systemFingerprint: nil
    )

    @Test func parallelToolCallsWithTextRoundTripThroughOpenAIForms() throws {
        #expect(try ResponseSummary(openAIChatCompletion: Self.parallel.openAIChatCompletionBody()) == Self.parallel)
        #expect(try ResponseRenderingTests.parse(Self.parallel.openAIChatCompletionChunks(includeUsage: true), as: .openai) == Self.parallel)
    }

    @Test func parallelToolCallsRoundTripThroughAnthropicForms() throws {
        var anthropic = Self.parallel
        anthropic.provider = .anthropic
        anthropic.providerFinishReason = "tool_use"
        anthropic.created = nil
        anthropic.toolCalls[1].arguments = "{}"
        let fromBody = try ResponseSummary(anthropicMessage: anthropic.anthropicMessageBody())
        #expect(fromBody == anthropic)
        #expect(try ResponseRenderingTests.parse(anthropic.anthropicMessageStream(), as: .anthropic) == anthropic)
    }

    @Test func emptyResponseRendersWithoutContentBlocks() throws {
        let empty = ResponseSummary(provider: .anthropic, id: "msg_e", model: "c", providerFinishReason: "end_turn", usage: .init(uncachedInput: 3, output: 0))
        #expect(String(decoding: empty.anthropicMessageBody(), as: UTF8.self).contains(#""content":[]"#))
        #expect(try ResponseSummary(anthropicMessage: empty.anthropicMessageBody()) == empty)
        #expect(try ResponseRenderingTests.parse(empty.anthropicMessageStream(), as: .anthropic) == empty)
    }

    @Test func anthropicMessageDeltaInputCountsReplaceTheStartCounts() throws {
        let stream = """
        event: message_start
        data: {"type":"message_start","message":{"id":"msg_3","type":"message","role":"assistant","model":"c","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":0,"cache_creation_input_tokens":0,"cache_read_input_tokens":0,"output_tokens":1}}}

        event: message_delta
        data: {"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"input_tokens":40,"cache_creation_input_tokens":5,"cache_read_input_tokens":null,"output_tokens":2}}

        event: message_stop
        data: {"type":"message_stop"}


        """
        let summary = try ResponseSamples.accumulate(SSEFeeding.parse(stream).events, as: .anthropic)
        #expect(summary.usage == .init(uncachedInput: 40, output: 2, cacheRead: 0, cacheWrite: 5))
    }
}
