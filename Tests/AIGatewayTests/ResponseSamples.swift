import Testing
@testable import AIGateway

/// Non-stream bodies of the same four exchanges as ``SSESamples``, as the providers return them
/// for `stream: false` (OpenAI pretty-prints its bodies; Anthropic sends compact JSON), and the
/// summary each exchange must give, whichever form it was read from.
enum ResponseSamples {
    static let openAIChatBody = #"""
    {
      "id": "chatcmpl-AXb3kT9qK2vR7mNcP1sLdE0fGhJ",
      "object": "chat.completion",
      "created": 1764403200,
      "model": "gpt-4o-mini-2024-07-18",
      "choices": [
        {
          "index": 0,
          "message": {
            "role": "assistant",
            "content": "Grüße 👋 How can I help you today?",
            "refusal": null,
            "annotations": []
          },
          "logprobs": null,
          "finish_reason": "stop"
        }
      ],
      "usage": {
        "prompt_tokens": 100,
        "completion_tokens": 200,
        "total_tokens": 300,
        "prompt_tokens_details": {
          "cached_tokens": 0,
          "audio_tokens": 0
        },
        "completion_tokens_details": {
          "reasoning_tokens": 0,
          "audio_tokens": 0,
          "accepted_prediction_tokens": 0,
          "rejected_prediction_tokens": 0
        }
      },
      "service_tier": "default",
      "system_fingerprint": "fp_0aa8d3e20b"
    }
    """#

    static let openAIToolCallsBody = #"""
    {
      "id": "chatcmpl-AXb4Tq1W8eYhZr3nM5kL7pO9iU2",
      "object": "chat.completion",
      "created": 1764403260,
      "model": "gpt-4o-2024-08-06",
      "choices": [
        {
          "index": 0,
          "message": {
            "role": "assistant",
            "content": null,
            "tool_calls": [
              {
                "id": "call_8Qm3vXyZ1aB2cD3eF4gH5iJ6",
                "type": "function",
                "function": {
                  "name": "get_weather",
                  "arguments": "{\"location\":\"Paris, France\"}"
                }
              }
            ],
            "refusal": null,
            "annotations": []
          },
          "logprobs": null,
          "finish_reason": "tool_calls"
        }
      ],
      "usage": {
        "prompt_tokens": 82,
        "completion_tokens": 17,
        "total_tokens": 99,
        "prompt_tokens_details": {
          "cached_tokens": 0,
          "audio_tokens": 0
        },
        "completion_tokens_details": {
          "reasoning_tokens": 0,
          "audio_tokens": 0,
          "accepted_prediction_tokens": 0,
          "rejected_prediction_tokens": 0
        }
      },
      "service_tier": "default",
      "system_fingerprint": "fp_7e3b1c2d4a"
    }
    """#

    static let anthropicMessagesBody = #"""
    {"id":"msg_01XFDUDYJgAACzvnptvVoYEL","type":"message","role":"assistant","model":"claude-3-5-sonnet-20241022","content":[{"type":"text","text":"Hello! Ça va ? 日本語も話せます 🙂"}],"stop_reason":"end_turn","stop_sequence":null,"usage":{"input_tokens":25,"cache_creation_input_tokens":0,"cache_read_input_tokens":0,"output_tokens":15}}
    """#

    static let anthropicToolUseBody = #"""
    {"model":"claude-sonnet-4-5-20250929","id":"msg_014p7gG3wDgGV9EUtLvnow3U","type":"message","role":"assistant","content":[{"type":"text","text":"I'll check the weather in San Francisco for you."},{"type":"tool_use","id":"toolu_01T1x1fJ34qAmk2tNTrN7Up6","name":"get_weather","input":{"location":"San Francisco, CA","unit":"celsius"}}],"stop_reason":"tool_use","stop_sequence":null,"usage":{"input_tokens":472,"cache_creation_input_tokens":0,"cache_read_input_tokens":0,"cache_creation":{"ephemeral_5m_input_tokens":0,"ephemeral_1h_input_tokens":0},"output_tokens":89,"service_tier":"standard"}}
    """#

    static let openAIChatSummary = ResponseSummary(
        provider: .openai,
        id: "chatcmpl-AXb3kT9qK2vR7mNcP1sLdE0fGhJ",
        model: "gpt-4o-mini-2024-07-18",
        created: 1_764_403_200,
        text: "Grüße 👋 How can I help you today?",
        providerFinishReason: "stop",
        usage: .init(uncachedInput: 100, output: 200),
        systemFingerprint: "fp_0aa8d3e20b"
    )

    static let openAIToolCallsSummary = ResponseSummary(
        provider: .openai,
        id: "chatcmpl-AXb4Tq1W8eYhZr3nM5kL7pO9iU2",
        model: "gpt-4o-2024-08-06",
        created: 1_764_403_260,
        toolCalls: [.init(id: "call_8Qm3vXyZ1aB2cD3eF4gH5iJ6", name: "get_weather", arguments: #"{"location":"Paris, France"}"#)],
        providerFinishReason: "tool_calls",
        usage: .init(uncachedInput: 82, output: 17),
        systemFingerprint: "fp_7e3b1c2d4a"
    )

    static let anthropicMessagesSummary = ResponseSummary(
        provider: .anthropic,
        id: "msg_01XFDUDYJgAACzvnptvVoYEL",
        model: "claude-3-5-sonnet-20241022",
        text: "Hello! Ça va ? 日本語も話せます 🙂",
        providerFinishReason: "end_turn",
        usage: .init(uncachedInput: 25, output: 15)
    )

    static let anthropicToolUseSummary = ResponseSummary(
        provider: .anthropic,
        id: "msg_014p7gG3wDgGV9EUtLvnow3U",
        model: "claude-sonnet-4-5-20250929",
        text: "I'll check the weather in San Francisco for you.",
        toolCalls: [.init(id: "toolu_01T1x1fJ34qAmk2tNTrN7Up6", name: "get_weather", arguments: #"{"location":"San Francisco, CA","unit":"celsius"}"#)],
        providerFinishReason: "tool_use",
        usage: .init(uncachedInput: 472, output: 89)
    )

    /// Each exchange: its stream, its body, and the summary both must give.
    struct Exchange: Sendable, CustomTestStringConvertible {
        var name: String
        var provider: Provider
        var stream: String
        var body: String
        var summary: ResponseSummary
        var testDescription: String { name }
    }

    static let exchanges: [Exchange] = [
        .init(name: "openAIChat", provider: .openai, stream: SSESamples.openAIChat, body: openAIChatBody, summary: openAIChatSummary),
        .init(name: "openAIToolCalls", provider: .openai, stream: SSESamples.openAIToolCalls, body: openAIToolCallsBody, summary: openAIToolCallsSummary),
        .init(name: "anthropicMessages", provider: .anthropic, stream: SSESamples.anthropicMessages, body: anthropicMessagesBody, summary: anthropicMessagesSummary),
        .init(name: "anthropicToolUse", provider: .anthropic, stream: SSESamples.anthropicToolUse, body: anthropicToolUseBody, summary: anthropicToolUseSummary),
    ]

    /// Feeds `events` to the accumulator for `provider` and returns its summary.
    static func accumulate(_ events: [ServerSentEvent], as provider: Provider) throws -> ResponseSummary {
        switch provider {
        case .openai:
            var accumulator = OpenAIStreamAccumulator()
            for event in events { try accumulator.add(event) }
            return try accumulator.summary()
        case .anthropic:
            var accumulator = AnthropicStreamAccumulator()
            for event in events { try accumulator.add(event) }
            return try accumulator.summary()
        }
    }

    static func summarize(body: [UInt8], as provider: Provider) throws -> ResponseSummary {
        switch provider {
        case .openai: try ResponseSummary(openAIChatCompletion: body)
        case .anthropic: try ResponseSummary(anthropicMessage: body)
        }
    }
}
