import AIGateway
import Foundation
import Testing

@Suite struct OpenAIToAnthropicRequestTests {
    private func translate(_ body: String, defaultMaxTokens: Int = 1_024) throws -> (OpenAIToAnthropicRequest, String) {
        let translated = try OpenAIToAnthropicRequest(openAIChatBody: Array(body.utf8), defaultMaxTokens: defaultMaxTokens)
        return (translated, String(decoding: translated.body, as: UTF8.self))
    }

    @Test func systemMessagesMoveToTheTopAndMaxTokensGetsTheDefault() throws {
        let (translated, body) = try translate(#"""
            {"model":"claude-sonnet-4-5","messages":[{"role":"developer","content":"Be brief."},
             {"role":"user","content":"Hi"}],"temperature":0.5,"stop":"END","user":"u-1","n":1}
            """#, defaultMaxTokens: 333)
        #expect(body == #"{"model":"claude-sonnet-4-5","max_tokens":333,"system":"Be brief.","messages":[{"role":"user","content":"Hi"}],"temperature":0.5,"stop_sequences":["END"]}"#)
        #expect(translated.model == "claude-sonnet-4-5")
        #expect(!translated.stream)
    }

    @Test func toolsToolCallsAndToolResultsTranslate() throws {
        let (_, body) = try translate(#"""
            {"model":"claude-sonnet-4-5","max_completion_tokens":50,"stream":true,"stream_options":{"include_usage":true},
             "messages":[{"role":"user","content":[{"type":"text","text":"Weather?"},{"type":"image_url","image_url":{"url":"data:image/png;base64,AAAA"}}]},
              {"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Paris\"}"}}]},
              {"role":"tool","tool_call_id":"call_1","content":"sunny"}],
             "tools":[{"type":"function","function":{"name":"get_weather","description":"Weather by city","parameters":{"type":"object","properties":{"city":{"type":"string"}}}}}],
             "tool_choice":{"type":"function","function":{"name":"get_weather"}},"parallel_tool_calls":false}
            """#)
        #expect(body == #"{"model":"claude-sonnet-4-5","max_tokens":50,"messages":[{"role":"user","content":[{"type":"text","text":"Weather?"},{"type":"image","source":{"type":"base64","media_type":"image/png","data":"AAAA"}}]},{"role":"assistant","content":[{"type":"tool_use","id":"call_1","name":"get_weather","input":{"city":"Paris"}}]},{"role":"user","content":[{"type":"tool_result","tool_use_id":"call_1","content":"sunny"}]}],"tools":[{"name":"get_weather","description":"Weather by city","input_schema":{"type":"object","properties":{"city":{"type":"string"}}}}],"tool_choice":{"type":"tool","name":"get_weather","disable_parallel_tool_use":true},"stream":true}"#)
    }

    @Test(arguments: [
        (#""n":2"#, "'n'"),
        (#""logprobs":true"#, "'logprobs'"),
        (#""presence_penalty":0.5"#, "'presence_penalty'"),
        (#""seed":7"#, "seed"),
        (#""response_format":{"type":"json_object"}"#, "JSON output"),
        (#""tool_choice":"sometimes""#, "tool_choice"),
    ])
    func parametersAnthropicCannotHonourAreRefusedByName(field: String, named: String) throws {
        let body = #"{"model":"claude-sonnet-4-5","messages":[{"role":"user","content":"Hi"}],"# + field + "}"
        let error = try #require(throws: GatewayError.self) { try translate(body) }
        #expect(error.description.contains(named))
    }

    @Test func explicitDefaultsAreAccepted() throws {
        let (_, body) = try translate(#"{"model":"claude-sonnet-4-5","messages":[{"role":"user","content":"Hi"}],"n":1,"logprobs":false,"frequency_penalty":0,"store":false}"#)
        #expect(!body.contains("frequency"))
    }
}

@Suite struct AnthropicToOpenAIStreamTests {
    private func translate(_ stream: String, includeUsage: Bool) throws -> [ServerSentEvent] {
        var parser = SSEParser()
        var translator = AnthropicToOpenAIStream(includeUsage: includeUsage, created: 1_700_000_000)
        var events: [ServerSentEvent] = []
        for event in parser.feed(Array(stream.utf8)[...]) { events += try translator.translate(event) }
        return events
    }

    @Test(arguments: [SSESamples.anthropicMessages, SSESamples.anthropicToolUse])
    func translatedChunksCarryTheSameAnswer(sample: String) throws {
        var parser = SSEParser()
        let anthropic = try ResponseSamples.accumulate(parser.feed(Array(sample.utf8)[...]), as: .anthropic)
        let chunks = try translate(sample, includeUsage: true)
        #expect(chunks.last?.data == "[DONE]")
        let openAI = try ResponseSamples.accumulate(chunks, as: .openai)
        #expect(openAI.text == anthropic.text)
        // Arguments stream as Anthropic sent the fragments, so compare them as JSON.
        #expect(openAI.toolCalls.map(\.id) == anthropic.toolCalls.map(\.id))
        #expect(openAI.toolCalls.map(\.name) == anthropic.toolCalls.map(\.name))
        #expect(try openAI.toolCalls.map { try JSONParser.parse(Array($0.arguments.utf8)) }
            == anthropic.toolCalls.map { try JSONParser.parse(Array($0.arguments.utf8)) })
        #expect(openAI.usage == anthropic.usage)
        #expect(openAI.finishReason == anthropic.finishReason)
        #expect(openAI.created == 1_700_000_000)
    }

    @Test func toolArgumentsArriveAsFragmentsAndUsageOnlyWhenAsked() throws {
        let chunks = try translate(SSESamples.anthropicToolUse, includeUsage: false)
        let fragments = chunks.filter { $0.data.contains(#""arguments":"#) && !$0.data.contains(#""arguments":"""#) }
        #expect(fragments.count == 3)
        #expect(!chunks.contains { $0.data.contains("prompt_tokens") })
        #expect(!chunks.contains { $0.data.contains(#""usage""#) })
        #expect(chunks.dropLast().last?.data.contains(#""finish_reason":"tool_calls""#) == true)
    }

    @Test func anErrorEventThrows() {
        let stream = SSESamples.anthropicMessages.replacingOccurrences(
            of: "event: message_stop", with: "event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}\n\nevent: message_stop")
        #expect(throws: ResponseDecodingError.self) { try translate(stream, includeUsage: false) }
    }
}
