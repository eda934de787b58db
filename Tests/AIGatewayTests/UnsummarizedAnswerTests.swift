@testable import AIGateway
import FakeProvider
import Testing

/// A good provider answer that the summary cannot hold whole is passed on exactly as it came,
/// marked as a bypass with a reason, priced from its usage, and never stored: never a gateway
/// error, and never a hit that would lose the part the summary leaves out.
@Suite struct UnsummarizedAnswerTests {
    struct Shape: Sendable, CustomTestStringConvertible {
        var name: String
        var provider: Provider
        var json: String
        var stream: String
        var testDescription: String { name }
    }

    static let shapes: [Shape] = [
        Shape(
            name: "Anthropic thinking block", provider: .anthropic,
            json: #"{"id":"msg_t","type":"message","role":"assistant","model":"claude-sonnet-4-5","content":[{"type":"thinking","thinking":"hmm","signature":"sig"},{"type":"text","text":"4"}],"stop_reason":"end_turn","stop_sequence":null,"usage":{"input_tokens":10,"output_tokens":5}}"#,
            stream: """
            event: message_start\ndata: {"type":"message_start","message":{"id":"msg_t","type":"message","role":"assistant","model":"claude-sonnet-4-5","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":10,"output_tokens":1}}}\n
            event: content_block_start\ndata: {"type":"content_block_start","index":0,"content_block":{"type":"thinking","thinking":"","signature":""}}\n
            event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta","thinking":"hmm"}}\n
            event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"signature_delta","signature":"sig"}}\n
            event: content_block_stop\ndata: {"type":"content_block_stop","index":0}\n
            event: content_block_start\ndata: {"type":"content_block_start","index":1,"content_block":{"type":"text","text":""}}\n
            event: content_block_delta\ndata: {"type":"content_block_delta","index":1,"delta":{"type":"text_delta","text":"4"}}\n
            event: content_block_stop\ndata: {"type":"content_block_stop","index":1}\n
            event: message_delta\ndata: {"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":5}}\n
            event: message_stop\ndata: {"type":"message_stop"}\n\n
            """
        ),
        Shape(
            name: "Anthropic server tool blocks", provider: .anthropic,
            json: #"{"id":"msg_s","type":"message","role":"assistant","model":"claude-sonnet-4-5","content":[{"type":"server_tool_use","id":"srvtoolu_1","name":"web_search","input":{"query":"x"}},{"type":"web_search_tool_result","tool_use_id":"srvtoolu_1","content":[]},{"type":"text","text":"done"}],"stop_reason":"end_turn","stop_sequence":null,"usage":{"input_tokens":10,"output_tokens":5}}"#,
            stream: """
            event: message_start\ndata: {"type":"message_start","message":{"id":"msg_s","type":"message","role":"assistant","model":"claude-sonnet-4-5","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":10,"output_tokens":1}}}\n
            event: content_block_start\ndata: {"type":"content_block_start","index":0,"content_block":{"type":"server_tool_use","id":"srvtoolu_1","name":"web_search","input":{}}}\n
            event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"input_json_delta","partial_json":"{\\"query\\":\\"x\\"}"}}\n
            event: content_block_stop\ndata: {"type":"content_block_stop","index":0}\n
            event: message_delta\ndata: {"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":5}}\n
            event: message_stop\ndata: {"type":"message_stop"}\n\n
            """
        ),
        Shape(
            name: "OpenAI custom tool call", provider: .openai,
            json: #"{"id":"chatcmpl-c","object":"chat.completion","created":1700000000,"model":"gpt-4o-mini","choices":[{"index":0,"message":{"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"custom","custom":{"name":"grep","input":"x"}}],"refusal":null},"logprobs":null,"finish_reason":"tool_calls"}],"usage":{"prompt_tokens":10,"completion_tokens":5,"total_tokens":15}}"#,
            stream: """
            data: {"id":"chatcmpl-c","object":"chat.completion.chunk","created":1700000000,"model":"gpt-4o-mini","choices":[{"index":0,"delta":{"role":"assistant","content":null,"tool_calls":[{"index":0,"id":"call_1","type":"custom","custom":{"name":"grep","input":""}}]},"finish_reason":null}],"usage":null}\n
            data: {"id":"chatcmpl-c","object":"chat.completion.chunk","created":1700000000,"model":"gpt-4o-mini","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"custom":{"input":"x"}}]},"finish_reason":null}],"usage":null}\n
            data: {"id":"chatcmpl-c","object":"chat.completion.chunk","created":1700000000,"model":"gpt-4o-mini","choices":[{"index":0,"delta":{},"finish_reason":"tool_calls"}],"usage":null}\n
            data: {"id":"chatcmpl-c","object":"chat.completion.chunk","created":1700000000,"model":"gpt-4o-mini","choices":[],"usage":{"prompt_tokens":10,"completion_tokens":5,"total_tokens":15}}\n
            data: [DONE]\n\n
            """
        ),
    ]

    static func body(_ shape: Shape, stream: Bool) -> String {
        switch shape.provider {
        case .openai:
            #"{"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "shape"}], "stream": \#(stream), "stream_options": {"include_usage": true}}"#
        case .anthropic:
            #"{"model": "claude-sonnet-4-5", "max_tokens": 64, "messages": [{"role": "user", "content": "shape"}], "stream": \#(stream)}"#
        }
    }

    @Test(arguments: shapes)
    func aJSONAnswerTheSummaryCannotHoldIsForwardedAsReceivedAndNotStored(shape: Shape) async throws {
        try await withLoopbackGateway { gateway, fake in
            let route: FakeRoute = shape.provider == .openai ? .openAIChat : .anthropicMessages
            fake.enqueue(.json(body: Array(shape.json.utf8)), .json(body: Array(shape.json.utf8)), for: route)
            let call = rawCall(Self.body(shape, stream: false), provider: shape.provider, stream: false)
            let first = try await gateway.complete(call)
            #expect(first.responseBody == Array(shape.json.utf8))
            #expect(first.cacheStatus == .bypass)
            #expect(first.bypassReason?.contains("cannot replay") == true)
            #expect(first.summary.usage?.output == 5)
            #expect(first.cost != nil)
            // Not stored: the same request goes upstream again.
            let second = try await gateway.complete(call)
            #expect(second.cacheStatus == .bypass)
            #expect(fake.requestCount == 2)
        }
    }

    @Test(arguments: shapes)
    func aStreamTheSummaryCannotHoldIsForwardedAsReceivedAndNotStored(shape: Shape) async throws {
        try await withLoopbackGateway { gateway, fake in
            let route: FakeRoute = shape.provider == .openai ? .openAIChat : .anthropicMessages
            let bytes = Array(shape.stream.utf8)
            fake.enqueue(.sse(bytes, chunking: .randomSplit(seed: 7)), .sse(bytes, chunking: .everyBytes(3)), for: route)
            let call = rawCall(Self.body(shape, stream: true), provider: shape.provider, stream: true)
            for attempt in 1...2 {
                let stream = try await gateway.completeStream(call)
                var forwarded: [UInt8] = []
                for try await event in stream { forwarded += event.rawBytes }
                #expect(forwarded == bytes)
                let outcome = try #require(stream.outcome)
                #expect(outcome.cacheStatus == .bypass)
                #expect(outcome.bypassReason?.contains("cannot replay") == true)
                #expect(outcome.cost != nil)
                #expect(fake.requestCount == attempt)
            }
        }
    }
}
