extension ResponseSummary {
    /// The summary as an Anthropic Messages body (`"type": "message"`), fields in the order
    /// Anthropic sends them.
    ///
    /// Text comes first as one `text` block (none when the text is empty), then one `tool_use`
    /// block per call; the original interleaving of blocks is not kept by the summary. Unknown
    /// usage (possible only for OpenAI data) is written as zeros, because the field is required.
    public func anthropicMessageBody() -> [UInt8] {
        let body: JSONValue = [
            "id": .string(id),
            "type": "message",
            "role": "assistant",
            "model": .string(model),
            "content": .array(anthropicContentBlocks),
            "stop_reason": .string(finishReasonValue(for: .anthropic)),
            "stop_sequence": .string(orNull: stopSequence),
            "usage": anthropicUsage(outputTokens: usage?.output ?? 0),
        ]
        return body.minifiedAsWritten()
    }

    /// The summary as Anthropic stream events, in the order Anthropic sends them:
    /// `message_start` (empty content, null stop reason, input usage), then per block
    /// `content_block_start` / one `content_block_delta` / `content_block_stop`, then
    /// `message_delta` with the stop reason and cumulative `output_tokens`, then `message_stop`.
    /// No `ping` is sent: it carries nothing and clients skip it.
    public func anthropicMessageStream() -> [ServerSentEvent] {
        var events: [JSONValue] = [[
            "type": "message_start",
            "message": [
                "id": .string(id),
                "type": "message",
                "role": "assistant",
                "model": .string(model),
                "content": [],
                "stop_reason": nil,
                "stop_sequence": nil,
                // Output so far is none; message_delta carries the final count.
                "usage": anthropicUsage(outputTokens: 0),
            ],
        ]]
        for (index, block) in anthropicContentBlocks.enumerated() {
            let start: JSONValue
            let delta: JSONValue
            if block.field("type")?.stringValue == "text" {
                start = ["type": "text", "text": ""]
                delta = ["type": "text_delta", "text": block.field("text") ?? ""]
            } else {
                start = ["type": "tool_use", "id": block.field("id") ?? "", "name": block.field("name") ?? "", "input": [:]]
                delta = ["type": "input_json_delta", "partial_json": .string((block.field("input") ?? [:]).minifiedTextAsWritten)]
            }
            events.append(["type": "content_block_start", "index": .integer(index), "content_block": start])
            events.append(["type": "content_block_delta", "index": .integer(index), "delta": delta])
            events.append(["type": "content_block_stop", "index": .integer(index)])
        }
        events.append([
            "type": "message_delta",
            "delta": ["stop_reason": .string(finishReasonValue(for: .anthropic)), "stop_sequence": .string(orNull: stopSequence)],
            "usage": ["output_tokens": .integer(usage?.output ?? 0)],
        ])
        events.append(["type": "message_stop"])
        return events.map { ServerSentEvent(event: $0.field("type")?.stringValue, data: $0.minifiedTextAsWritten) }
    }

    /// ``anthropicMessageStream()`` as `text/event-stream` bytes.
    public func anthropicMessageStreamBytes() -> [UInt8] {
        Self.streamBytes(anthropicMessageStream())
    }

    /// The content blocks: the text (or, for OpenAI data with no text, the refusal, which
    /// Anthropic has no field for), then the tool calls.
    private var anthropicContentBlocks: [JSONValue] {
        var blocks: [JSONValue] = []
        let shownText = text.isEmpty ? (refusal ?? "") : text
        if !shownText.isEmpty { blocks.append(["type": "text", "text": .string(shownText)]) }
        for call in toolCalls {
            blocks.append(["type": "tool_use", "id": .string(call.id), "name": .string(call.name), "input": Self.anthropicInput(call.arguments)])
        }
        return blocks
    }

    /// Argument text as an Anthropic `input` object. OpenAI arguments are model output and may
    /// not be a JSON object; Anthropic can only carry an object, so such arguments become `{}`.
    private static func anthropicInput(_ arguments: String) -> JSONValue {
        guard let input = try? JSONValue.parsingResponse(arguments), input.isObject else { return [:] }
        return input
    }

    private func anthropicUsage(outputTokens: Int) -> JSONValue {
        [
            "input_tokens": .integer(usage?.uncachedInput ?? 0),
            "cache_creation_input_tokens": .integer(usage?.cacheWrite ?? 0),
            "cache_read_input_tokens": .integer(usage?.cacheRead ?? 0),
            "output_tokens": .integer(outputTokens),
        ]
    }
}
