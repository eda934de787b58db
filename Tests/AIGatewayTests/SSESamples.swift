/// Recorded-shape provider streams, for the SSE parser tests and for later replay tests.
///
/// Field names and event order follow the public API references and the official SDKs'
/// streaming code: OpenAI `chat.completion.chunk` objects as `data:` lines (a role delta, content
/// or `tool_calls` deltas, a `finish_reason` chunk, the `stream_options.include_usage` chunk with
/// empty `choices`, then `data: [DONE]`); Anthropic `event:` + `data:` pairs (`message_start`,
/// `content_block_start`, `ping`, `content_block_delta`, `content_block_stop`, `message_delta`
/// with `stop_reason` and `usage`, `message_stop`). Ids and fingerprints are made up. Each
/// sample is LF-terminated and ends with a complete event.
enum SSESamples {
    /// (a) A plain OpenAI chat completion with `stream_options: {"include_usage": true}`.
    static let openAIChat = #"""
    data: {"id":"chatcmpl-AXb3kT9qK2vR7mNcP1sLdE0fGhJ","object":"chat.completion.chunk","created":1764403200,"model":"gpt-4o-mini-2024-07-18","service_tier":"default","system_fingerprint":"fp_0aa8d3e20b","choices":[{"index":0,"delta":{"role":"assistant","content":"","refusal":null},"logprobs":null,"finish_reason":null}],"usage":null}

    data: {"id":"chatcmpl-AXb3kT9qK2vR7mNcP1sLdE0fGhJ","object":"chat.completion.chunk","created":1764403200,"model":"gpt-4o-mini-2024-07-18","service_tier":"default","system_fingerprint":"fp_0aa8d3e20b","choices":[{"index":0,"delta":{"content":"Grüße"},"logprobs":null,"finish_reason":null}],"usage":null}

    data: {"id":"chatcmpl-AXb3kT9qK2vR7mNcP1sLdE0fGhJ","object":"chat.completion.chunk","created":1764403200,"model":"gpt-4o-mini-2024-07-18","service_tier":"default","system_fingerprint":"fp_0aa8d3e20b","choices":[{"index":0,"delta":{"content":" 👋"},"logprobs":null,"finish_reason":null}],"usage":null}

    data: {"id":"chatcmpl-AXb3kT9qK2vR7mNcP1sLdE0fGhJ","object":"chat.completion.chunk","created":1764403200,"model":"gpt-4o-mini-2024-07-18","service_tier":"default","system_fingerprint":"fp_0aa8d3e20b","choices":[{"index":0,"delta":{"content":" How can I"},"logprobs":null,"finish_reason":null}],"usage":null}

    data: {"id":"chatcmpl-AXb3kT9qK2vR7mNcP1sLdE0fGhJ","object":"chat.completion.chunk","created":1764403200,"model":"gpt-4o-mini-2024-07-18","service_tier":"default","system_fingerprint":"fp_0aa8d3e20b","choices":[{"index":0,"delta":{"content":" help you today?"},"logprobs":null,"finish_reason":null}],"usage":null}

    data: {"id":"chatcmpl-AXb3kT9qK2vR7mNcP1sLdE0fGhJ","object":"chat.completion.chunk","created":1764403200,"model":"gpt-4o-mini-2024-07-18","service_tier":"default","system_fingerprint":"fp_0aa8d3e20b","choices":[{"index":0,"delta":{},"logprobs":null,"finish_reason":"stop"}],"usage":null}

    data: {"id":"chatcmpl-AXb3kT9qK2vR7mNcP1sLdE0fGhJ","object":"chat.completion.chunk","created":1764403200,"model":"gpt-4o-mini-2024-07-18","service_tier":"default","system_fingerprint":"fp_0aa8d3e20b","choices":[],"usage":{"prompt_tokens":100,"completion_tokens":200,"total_tokens":300,"prompt_tokens_details":{"cached_tokens":0,"audio_tokens":0},"completion_tokens_details":{"reasoning_tokens":0,"audio_tokens":0,"accepted_prediction_tokens":0,"rejected_prediction_tokens":0}}}

    data: [DONE]


    """#

    /// (b) An OpenAI chat completion that calls a tool: `tool_calls` deltas carry the id, type
    /// and name once, then argument fragments by `index`.
    static let openAIToolCalls = #"""
    data: {"id":"chatcmpl-AXb4Tq1W8eYhZr3nM5kL7pO9iU2","object":"chat.completion.chunk","created":1764403260,"model":"gpt-4o-2024-08-06","service_tier":"default","system_fingerprint":"fp_7e3b1c2d4a","choices":[{"index":0,"delta":{"role":"assistant","content":null,"tool_calls":[{"index":0,"id":"call_8Qm3vXyZ1aB2cD3eF4gH5iJ6","type":"function","function":{"name":"get_weather","arguments":""}}],"refusal":null},"logprobs":null,"finish_reason":null}],"usage":null}

    data: {"id":"chatcmpl-AXb4Tq1W8eYhZr3nM5kL7pO9iU2","object":"chat.completion.chunk","created":1764403260,"model":"gpt-4o-2024-08-06","service_tier":"default","system_fingerprint":"fp_7e3b1c2d4a","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"{\""}}]},"logprobs":null,"finish_reason":null}],"usage":null}

    data: {"id":"chatcmpl-AXb4Tq1W8eYhZr3nM5kL7pO9iU2","object":"chat.completion.chunk","created":1764403260,"model":"gpt-4o-2024-08-06","service_tier":"default","system_fingerprint":"fp_7e3b1c2d4a","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"location"}}]},"logprobs":null,"finish_reason":null}],"usage":null}

    data: {"id":"chatcmpl-AXb4Tq1W8eYhZr3nM5kL7pO9iU2","object":"chat.completion.chunk","created":1764403260,"model":"gpt-4o-2024-08-06","service_tier":"default","system_fingerprint":"fp_7e3b1c2d4a","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"\":\""}}]},"logprobs":null,"finish_reason":null}],"usage":null}

    data: {"id":"chatcmpl-AXb4Tq1W8eYhZr3nM5kL7pO9iU2","object":"chat.completion.chunk","created":1764403260,"model":"gpt-4o-2024-08-06","service_tier":"default","system_fingerprint":"fp_7e3b1c2d4a","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"Paris"}}]},"logprobs":null,"finish_reason":null}],"usage":null}

    data: {"id":"chatcmpl-AXb4Tq1W8eYhZr3nM5kL7pO9iU2","object":"chat.completion.chunk","created":1764403260,"model":"gpt-4o-2024-08-06","service_tier":"default","system_fingerprint":"fp_7e3b1c2d4a","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":", France\"}"}}]},"logprobs":null,"finish_reason":null}],"usage":null}

    data: {"id":"chatcmpl-AXb4Tq1W8eYhZr3nM5kL7pO9iU2","object":"chat.completion.chunk","created":1764403260,"model":"gpt-4o-2024-08-06","service_tier":"default","system_fingerprint":"fp_7e3b1c2d4a","choices":[{"index":0,"delta":{},"logprobs":null,"finish_reason":"tool_calls"}],"usage":null}

    data: {"id":"chatcmpl-AXb4Tq1W8eYhZr3nM5kL7pO9iU2","object":"chat.completion.chunk","created":1764403260,"model":"gpt-4o-2024-08-06","service_tier":"default","system_fingerprint":"fp_7e3b1c2d4a","choices":[],"usage":{"prompt_tokens":82,"completion_tokens":17,"total_tokens":99,"prompt_tokens_details":{"cached_tokens":0,"audio_tokens":0},"completion_tokens_details":{"reasoning_tokens":0,"audio_tokens":0,"accepted_prediction_tokens":0,"rejected_prediction_tokens":0}}}

    data: [DONE]


    """#

    /// (c) An Anthropic Messages text stream.
    static let anthropicMessages = #"""
    event: message_start
    data: {"type":"message_start","message":{"id":"msg_01XFDUDYJgAACzvnptvVoYEL","type":"message","role":"assistant","model":"claude-3-5-sonnet-20241022","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":25,"cache_creation_input_tokens":0,"cache_read_input_tokens":0,"output_tokens":1}}}

    event: content_block_start
    data: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}

    event: ping
    data: {"type":"ping"}

    event: content_block_delta
    data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hello"}}

    event: content_block_delta
    data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"! Ça va ? 日本語も"}}

    event: content_block_delta
    data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"話せます 🙂"}}

    event: content_block_stop
    data: {"type":"content_block_stop","index":0}

    event: message_delta
    data: {"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":15}}

    event: message_stop
    data: {"type":"message_stop"}


    """#

    /// (d) An Anthropic Messages stream with a text block and then a `tool_use` block whose input
    /// arrives as `input_json_delta` fragments.
    static let anthropicToolUse = #"""
    event: message_start
    data: {"type":"message_start","message":{"model":"claude-sonnet-4-5-20250929","id":"msg_014p7gG3wDgGV9EUtLvnow3U","type":"message","role":"assistant","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":472,"cache_creation_input_tokens":0,"cache_read_input_tokens":0,"cache_creation":{"ephemeral_5m_input_tokens":0,"ephemeral_1h_input_tokens":0},"output_tokens":2,"service_tier":"standard"}}}

    event: content_block_start
    data: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}

    event: ping
    data: {"type":"ping"}

    event: content_block_delta
    data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"I'll check the weather"}}

    event: content_block_delta
    data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":" in San Francisco for you."}}

    event: content_block_stop
    data: {"type":"content_block_stop","index":0}

    event: content_block_start
    data: {"type":"content_block_start","index":1,"content_block":{"type":"tool_use","id":"toolu_01T1x1fJ34qAmk2tNTrN7Up6","name":"get_weather","input":{}}}

    event: content_block_delta
    data: {"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":""}}

    event: content_block_delta
    data: {"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"{\"location\":"}}

    event: content_block_delta
    data: {"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":" \"San Fra"}}

    event: content_block_delta
    data: {"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"ncisco, CA\", \"unit\": \"celsius\"}"}}

    event: content_block_stop
    data: {"type":"content_block_stop","index":1}

    event: message_delta
    data: {"type":"message_delta","delta":{"stop_reason":"tool_use","stop_sequence":null},"usage":{"output_tokens":89}}

    event: message_stop
    data: {"type":"message_stop"}


    """#

    static let all: [(name: String, text: String)] = [
        ("openAIChat", openAIChat),
        ("openAIToolCalls", openAIToolCalls),
        ("anthropicMessages", anthropicMessages),
        ("anthropicToolUse", anthropicToolUse),
    ]
}
