import AIGateway
import FakeProvider
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

/// An OpenAI client asking for a Claude model: translated to Anthropic, answered in OpenAI shape.
@Suite struct TranslationRouteTests {
    private let claude = "claude-3-5-haiku-20241022"

    @Test func jsonAnswerComesBackAsAChatCompletionAndIsCachedAsTheAnthropicRequest() async throws {
        try await withGatewayServer { client, fake in
            let first = try await client.post(.openAI, Format.openAI.body(model: claude))
            #expect(first.status == .ok)
            #expect(first.header("x-aigw-cache") == "miss")
            let json = try #require(first.json)
            #expect(json["object"]?.stringValue == "chat.completion")
            #expect(answerText(json, format: .openAI) == "echo: hello there")
            #expect(json["choices"]?[0]?["finish_reason"]?.stringValue == "stop")
            #expect(json["usage"]?["prompt_tokens"]?.numberValue != nil)
            #expect(json["usage"]?["completion_tokens"]?.numberValue != nil)

            let upstream = try #require(fake.requests(for: .anthropicMessages).first)
            let sent = try JSONParser.parse(upstream.body)
            #expect(sent["max_tokens"]?.numberValue == JSONNumber(1_024))
            #expect(sent["messages"]?[0]?["content"]?.stringValue == "hello there")
            #expect(fake.requests(for: .openAIChat).isEmpty)

            let second = try await client.post(.openAI, Format.openAI.body(model: claude))
            #expect(second.header("x-aigw-cache") == "hit")
            #expect(answerText(second.json, format: .openAI) == "echo: hello there")
            // The entry is the Anthropic request's: a native client sending it hits too.
            let native = #"{"model":"\#(claude)","max_tokens":1024,"messages":[{"role":"user","content":"hello there"}]}"#
            let nativeResponse = try await client.post(.anthropic, native)
            #expect(nativeResponse.header("x-aigw-cache") == "hit")
            #expect(answerText(nativeResponse.json, format: .anthropic) == "echo: hello there")
            #expect(fake.requestCount == 1)
        }
    }

    @Test func streamIsTranslatedChunkByChunkThenReplayedFromTheCache() async throws {
        try await withGatewayServer { client, fake in
            let body = #"{"model":"\#(claude)","messages":[{"role":"user","content":"hello there"}],"stream":true,"stream_options":{"include_usage":true}}"#
            fake.enqueue(.default, for: .anthropicMessages)
            for expected in ["miss", "hit"] {
                let response = try await client.post(.openAI, body)
                #expect(response.status == .ok)
                #expect(response.header("content-type") == "text/event-stream")
                #expect(response.header("x-aigw-cache") == expected)
                let events = response.events
                #expect(streamedText(events, format: .openAI) == "echo: hello there")
                #expect(events.last?.data == "[DONE]")
                #expect(events.allSatisfy { $0.event == nil })
                let usage = try JSONParser.parse(Array(events.dropLast().last!.data.utf8))
                #expect(usage["choices"]?.arrayValue?.isEmpty == true)
                #expect(usage["usage"]?["total_tokens"]?.numberValue != nil)
            }
            #expect(fake.requestCount == 1)
        }
    }

    @Test func aStreamSplitAtAwkwardBytesTranslatesTheSame() async throws {
        try await withGatewayServer { client, fake in
            let body = #"{"model":"\#(claude)","messages":[{"role":"user","content":"split me"}],"stream":true}"#
            let anthropicBody = Array(#"{"model":"\#(claude)","max_tokens":1024,"messages":[{"role":"user","content":"split me"}],"stream":true}"#.utf8)
            let answer = FakeAnswer(route: .anthropicMessages, requestBody: anthropicBody, sequence: 1)
            fake.enqueue(.sse(answer.streamBytes, chunking: .everyBytes(3)), for: .anthropicMessages)
            let response = try await client.post(.openAI, body)
            #expect(streamedText(response.events, format: .openAI) == "echo: split me")
            #expect(!response.text.contains("usage"))
        }
    }

    @Test func anUntranslatableParameterIsA400InOpenAIShape() async throws {
        try await withGatewayServer { client, fake in
            let response = try await client.post(.openAI, #"{"model":"\#(claude)","messages":[{"role":"user","content":"hi"}],"n":3}"#)
            #expect(response.status == .badRequest)
            let error = try #require(errorObject(response, format: .openAI))
            #expect(error["message"]?.stringValue?.contains("'n'") == true)
            #expect(fake.requestCount == 0)
        }
    }

    @Test func anthropicErrorsReachTheOpenAIClientInOpenAIShape() async throws {
        try await withGatewayServer { client, fake in
            fake.enqueue(.error(status: 400, type: "invalid_request_error", message: "max_tokens: too large"), for: .anthropicMessages)
            let response = try await client.post(.openAI, Format.openAI.body(model: claude))
            #expect(response.status == .badRequest)
            let error = try #require(errorObject(response, format: .openAI))
            #expect(error["message"]?.stringValue?.contains("max_tokens: too large") == true)
        }
    }
}
