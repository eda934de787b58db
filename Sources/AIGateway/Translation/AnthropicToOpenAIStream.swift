import AIGatewayCore

/// Rewrites an Anthropic Messages stream as an OpenAI `chat.completion.chunk` stream, event by
/// event, so an OpenAI client reading a Claude answer sees each piece as it arrives.
///
/// `message_start` becomes the role chunk; text deltas become content chunks; each `tool_use`
/// block becomes a tool-call header chunk and its `input_json_delta`s argument chunks (numbered
/// 0, 1, … in the order the blocks start); `message_stop` becomes the finish chunk, the usage
/// chunk when the client asked for it, and `data: [DONE]`. Every event also goes through an
/// ``AnthropicStreamAccumulator``, so a malformed or `error` event throws exactly as it would
/// on the native path.
public struct AnthropicToOpenAIStream: Sendable {
    private var accumulator = AnthropicStreamAccumulator()
    private var frame: OpenAIChunkFrame?
    /// Anthropic content-block index → OpenAI tool-call index.
    private var toolIndexes: [Int: Int] = [:]
    private let includeUsage: Bool
    private let created: Int

    /// `created` is the Unix time written in every chunk (Anthropic streams carry none).
    public init(includeUsage: Bool, created: Int) {
        self.includeUsage = includeUsage
        self.created = created
    }

    /// The OpenAI events for the next Anthropic event; often none (`ping`, block stops).
    public mutating func translate(_ event: ServerSentEvent) throws(ResponseDecodingError) -> [ServerSentEvent] {
        let payload = try JSONValue.parsingResponse(event.data)
        try accumulator.add(payload: payload, eventType: event.type)
        // An OpenAI client can only be sent what the summary holds.
        if let gap = accumulator.gap { throw .unsupported(gap) }
        switch payload.field("type")?.stringValue ?? event.type {
        case "message_start":
            let message = payload.field("message")
            let frame = OpenAIChunkFrame(id: message?.field("id")?.stringValue ?? "", created: created,
                                         model: message?.field("model")?.stringValue ?? "", includeUsage: includeUsage)
            self.frame = frame
            return [frame.delta(OpenAIChunkFrame.roleDelta)]
        case "content_block_start":
            return startBlock(payload)
        case "content_block_delta":
            return delta(payload)
        case "message_stop":
            guard let frame else { return [] }
            let summary = try accumulator.summary()
            var events = [frame.finish(reason: summary.finishReasonValue(for: .openai))]
            if includeUsage, let usage = summary.usage { events.append(frame.usage(usage)) }
            events.append(OpenAIChunkFrame.done)
            return events
        default:
            return []
        }
    }

    private mutating func startBlock(_ payload: JSONValue) -> [ServerSentEvent] {
        guard let frame, let index = payload.field("index")?.numberValue?.int64Value,
              let block = payload.field("content_block") else { return [] }
        switch block.field("type")?.stringValue {
        case "text":
            let text = block.field("text")?.stringValue ?? ""
            return text.isEmpty ? [] : [frame.delta(["content": .string(text)])]
        case "tool_use":
            let toolIndex = toolIndexes.count
            toolIndexes[Int(index)] = toolIndex
            let call = ToolCall(id: block.field("id")?.stringValue ?? "", name: block.field("name")?.stringValue ?? "", arguments: "")
            return [frame.delta(["tool_calls": [OpenAIChunkFrame.toolCallHeader(call, index: toolIndex)]])]
        default:
            return []
        }
    }

    private func delta(_ payload: JSONValue) -> [ServerSentEvent] {
        guard let frame, let index = payload.field("index")?.numberValue?.int64Value,
              let delta = payload.field("delta") else { return [] }
        switch delta.field("type")?.stringValue {
        case "text_delta":
            let text = delta.field("text")?.stringValue ?? ""
            return text.isEmpty ? [] : [frame.delta(["content": .string(text)])]
        case "input_json_delta":
            guard let toolIndex = toolIndexes[Int(index)], let fragment = delta.field("partial_json")?.stringValue,
                  !fragment.isEmpty else { return [] }
            return [frame.delta(OpenAIChunkFrame.toolCallArguments(fragment, index: toolIndex))]
        default:
            return []
        }
    }
}
