/// The provider answers of ``ProjectExchange/all``, written as the providers send them:
/// OpenAI's JSON indented with two spaces and its chunks minified, Anthropic's JSON minified and
/// its event data with spaces after separators.
public enum ProjectAnswers {
    public static let openAIChat = #"""
        {
          "id": "chatcmpl-AbC123dEf456GhI789jKl012MnO",
          "object": "chat.completion",
          "created": 1732870000,
          "model": "gpt-4o-mini-2024-07-18",
          "choices": [
            {
              "index": 0,
              "message": {
                "role": "assistant",
                "content": "The capital of France is Paris.",
                "refusal": null,
                "annotations": []
              },
              "logprobs": null,
              "finish_reason": "stop"
            }
          ],
          "usage": {
            "prompt_tokens": 24,
            "completion_tokens": 8,
            "total_tokens": 32,
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
          "system_fingerprint": "fp_0705bf87c0"
        }
        """#

    public static let openAIToolCall = #"""
        {
          "id": "chatcmpl-ToOl42cAlL7xYz",
          "object": "chat.completion",
          "created": 1732870002,
          "model": "gpt-4o-mini-2024-07-18",
          "choices": [
            {
              "index": 0,
              "message": {
                "role": "assistant",
                "content": null,
                "tool_calls": [
                  {
                    "id": "call_Wx3kP9qR2sT7uV1yZ4aB6cD8",
                    "type": "function",
                    "function": {
                      "name": "get_weather",
                      "arguments": "{\"city\":\"Paris\"}"
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
            "prompt_tokens": 52,
            "completion_tokens": 15,
            "total_tokens": 67,
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
          "system_fingerprint": "fp_0705bf87c0"
        }
        """#

    /// Chunks as OpenAI streams them with `stream_options.include_usage`: every chunk carries
    /// `"usage":null` until the last, whose `choices` is empty.
    public static let openAIChatStream: String = {
        let head = #""id":"chatcmpl-StReAm9kLmN0pQ","object":"chat.completion.chunk","created":1732870001,"model":"gpt-4o-mini-2024-07-18","service_tier":"default","system_fingerprint":"fp_0705bf87c0""#
        let deltas = [
            #"{"role":"assistant","content":"","refusal":null}"#,
            #"{"content":"Hello"}"#,
            #"{"content":" there"}"#,
            #"{"content":"!"}"#,
        ]
        var chunks = deltas.map { #"{\#(head),"choices":[{"index":0,"delta":\#($0),"logprobs":null,"finish_reason":null}],"usage":null}"# }
        chunks.append(#"{\#(head),"choices":[{"index":0,"delta":{},"logprobs":null,"finish_reason":"stop"}],"usage":null}"#)
        chunks.append(#"{\#(head),"choices":[],"usage":{"prompt_tokens":9,"completion_tokens":3,"total_tokens":12,"prompt_tokens_details":{"cached_tokens":0,"audio_tokens":0},"completion_tokens_details":{"reasoning_tokens":0,"audio_tokens":0,"accepted_prediction_tokens":0,"rejected_prediction_tokens":0}}}"#)
        chunks.append("[DONE]")
        return chunks.map { "data: \($0)\n\n" }.joined()
    }()

    public static let anthropicMessage = #"{"id":"msg_01XFDUDYJgAACzvnptvVoYEL","type":"message","role":"assistant","model":"claude-3-5-haiku-20241022","content":[{"type":"text","text":"Paris is the capital of France."}],"stop_reason":"end_turn","stop_sequence":null,"usage":{"input_tokens":14,"cache_creation_input_tokens":0,"cache_read_input_tokens":0,"output_tokens":10,"service_tier":"standard"}}"#

    public static let anthropicStream = anthropicEvents([
        ("message_start", #"{"type": "message_start", "message": {"id": "msg_01Hq7dP2kXyZwVuTsRqPoNmL", "type": "message", "role": "assistant", "model": "claude-3-5-haiku-20241022", "content": [], "stop_reason": null, "stop_sequence": null, "usage": {"input_tokens": 11, "cache_creation_input_tokens": 0, "cache_read_input_tokens": 0, "output_tokens": 1, "service_tier": "standard"}}}"#),
        ("content_block_start", #"{"type": "content_block_start", "index": 0, "content_block": {"type": "text", "text": ""}}"#),
        ("ping", #"{"type": "ping"}"#),
        ("content_block_delta", #"{"type": "content_block_delta", "index": 0, "delta": {"type": "text_delta", "text": "Hello!"}}"#),
        ("content_block_delta", #"{"type": "content_block_delta", "index": 0, "delta": {"type": "text_delta", "text": " How can I help?"}}"#),
        ("content_block_stop", #"{"type": "content_block_stop", "index": 0}"#),
        ("message_delta", #"{"type": "message_delta", "delta": {"stop_reason": "end_turn", "stop_sequence": null}, "usage": {"output_tokens": 9}}"#),
        ("message_stop", #"{"type": "message_stop"}"#),
    ])

    public static let anthropicToolUseStream = anthropicEvents([
        ("message_start", #"{"type": "message_start", "message": {"id": "msg_01ToOlUsEaBcDeFgHiJkLmNo", "type": "message", "role": "assistant", "model": "claude-3-5-haiku-20241022", "content": [], "stop_reason": null, "stop_sequence": null, "usage": {"input_tokens": 342, "cache_creation_input_tokens": 0, "cache_read_input_tokens": 0, "output_tokens": 1, "service_tier": "standard"}}}"#),
        ("content_block_start", #"{"type": "content_block_start", "index": 0, "content_block": {"type": "text", "text": ""}}"#),
        ("ping", #"{"type": "ping"}"#),
        ("content_block_delta", #"{"type": "content_block_delta", "index": 0, "delta": {"type": "text_delta", "text": "I'll check the weather in Paris."}}"#),
        ("content_block_stop", #"{"type": "content_block_stop", "index": 0}"#),
        ("content_block_start", #"{"type": "content_block_start", "index": 1, "content_block": {"type": "tool_use", "id": "toolu_01T1x1fJ34qAmk2tNTrN7Up6", "name": "get_weather", "input": {}}}"#),
        ("content_block_delta", #"{"type": "content_block_delta", "index": 1, "delta": {"type": "input_json_delta", "partial_json": ""}}"#),
        ("content_block_delta", #"{"type": "content_block_delta", "index": 1, "delta": {"type": "input_json_delta", "partial_json": "{\"city\": \"Par"}}"#),
        ("content_block_delta", #"{"type": "content_block_delta", "index": 1, "delta": {"type": "input_json_delta", "partial_json": "is\"}"}}"#),
        ("content_block_stop", #"{"type": "content_block_stop", "index": 1}"#),
        ("message_delta", #"{"type": "message_delta", "delta": {"stop_reason": "tool_use", "stop_sequence": null}, "usage": {"output_tokens": 54}}"#),
        ("message_stop", #"{"type": "message_stop"}"#),
    ])

    private static func anthropicEvents(_ events: [(name: String, data: String)]) -> String {
        events.map { "event: \($0.name)\ndata: \($0.data)\n\n" }.joined()
    }
}
