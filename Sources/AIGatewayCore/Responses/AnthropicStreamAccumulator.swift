/// Builds a ``ResponseSummary`` from an Anthropic Messages stream, one event at a time, as the
/// gateway forwards the stream to its client.
///
/// Feed every ``ServerSentEvent`` in order: `message_start` (id, model, input usage), then per
/// content block `content_block_start`, `content_block_delta`s and `content_block_stop`, then
/// `message_delta` (stop reason, stop sequence, cumulative output usage) and `message_stop`.
/// `ping` and event types this version does not know are skipped, as Anthropic asks clients to
/// do; an `error` event throws.
public struct AnthropicStreamAccumulator: Sendable {
    private enum Block: Sendable {
        case text(String)
        /// `startInput` is the `input` of `content_block_start` (always `{}` in practice); the
        /// real input is the concatenated `partial_json`, when there is any.
        case toolUse(id: String, name: String, startInput: JSONValue, partialJSON: String)
        /// A block the summary cannot hold (`thinking`, a server tool's): passed on, not kept.
        case unsummarized
    }

    private var id: String?
    private var model: String?
    private var usage: ResponseSummary.Usage?
    private var blocks: [Block] = []
    private var stopReason: String?
    private var stopSequence: String?
    /// `message_stop` has been seen.
    public private(set) var isComplete = false
    /// What the summary leaves out of this stream (a content block it cannot hold), if anything:
    /// such an answer is passed on as it came but never stored, since a hit would lose it.
    public private(set) var gap: String?

    public init() {}

    /// Takes the next event. Throws
    /// ``ResponseDecodingError/providerError(provider:type:code:message:)`` for an `error`
    /// event (such as `overloaded_error`), which Anthropic may send mid-stream.
    public mutating func add(_ event: ServerSentEvent) throws(ResponseDecodingError) {
        try add(payload: try JSONValue.parsingResponse(event.data), eventType: event.type)
    }

    /// ``add(_:)`` for an event whose data is already parsed (the OpenAI stream translator reads
    /// each event too, and parses it once for both).
    package mutating func add(payload: JSONValue, eventType: String) throws(ResponseDecodingError) {
        guard payload.isObject else { throw JSONValue.mismatch(payload, "event") }
        let type = try payload.optionalString("type", at: "event") ?? eventType
        if type == "error" || eventType == "error" {
            throw ResponseDecodingError.anthropic(payload.field("error") ?? payload)
        }
        guard !isComplete else { throw .eventAfterEnd(ResponseDecodingError.excerpt(type)) }

        switch type {
        case "message_start":
            let message = try payload.object("message", at: "message_start")
            id = try message.string("id", at: "message_start.message")
            model = try message.string("model", at: "message_start.message")
            usage = try .anthropic(try message.object("usage", at: "message_start.message"), at: "message_start.message.usage")
        case "content_block_start":
            try startBlock(payload)
        case "content_block_delta":
            try addDelta(payload)
        case "message_delta":
            try addMessageDelta(payload)
        case "message_stop":
            guard id != nil else { throw .missingField("message_start") }
            isComplete = true
        default:
            // `ping`, `content_block_stop` (a block's content is complete without it) and
            // event types added after this was written.
            break
        }
    }

    private mutating func startBlock(_ payload: JSONValue) throws(ResponseDecodingError) {
        guard id != nil else { throw .missingField("message_start") }
        let index = try payload.count("index", at: "content_block_start")
        guard index == blocks.count else {
            throw .unexpectedValue(field: "content_block_start.index", value: "\(index), expected \(blocks.count)")
        }
        let block = try payload.object("content_block", at: "content_block_start")
        let path = "content_block_start.content_block"
        switch try block.string("type", at: path) {
        case "text":
            blocks.append(.text(try block.optionalString("text", at: path) ?? ""))
        case "tool_use":
            blocks.append(.toolUse(
                id: try block.string("id", at: path),
                name: try block.string("name", at: path),
                startInput: block.field("input") ?? [:],
                partialJSON: ""
            ))
        case let other:
            blocks.append(.unsummarized)
            gap = gap ?? "content block of type \(ResponseDecodingError.excerpt(other))"
        }
    }

    private mutating func addDelta(_ payload: JSONValue) throws(ResponseDecodingError) {
        let index = try payload.count("index", at: "content_block_delta")
        guard blocks.indices.contains(index) else {
            throw .unexpectedValue(field: "content_block_delta.index", value: "\(index) was not started")
        }
        let delta = try payload.object("delta", at: "content_block_delta")
        let path = "content_block_delta.delta"
        if case .unsummarized = blocks[index] { return }
        switch (try delta.string("type", at: path), blocks[index]) {
        case let ("text_delta", .text(text)):
            blocks[index] = .text(text + (try delta.string("text", at: path)))
        case let ("input_json_delta", .toolUse(id, name, startInput, partialJSON)):
            let fragment = try delta.string("partial_json", at: path)
            blocks[index] = .toolUse(id: id, name: name, startInput: startInput, partialJSON: partialJSON + fragment)
        case let (type, _):
            throw .unsupported("content block delta of type \(ResponseDecodingError.excerpt(type)) for block \(index)")
        }
    }

    private mutating func addMessageDelta(_ payload: JSONValue) throws(ResponseDecodingError) {
        guard var usage else { throw .missingField("message_start") }
        let delta = try payload.object("delta", at: "message_delta")
        stopReason = try delta.optionalString("stop_reason", at: "message_delta.delta") ?? stopReason
        stopSequence = try delta.optionalString("stop_sequence", at: "message_delta.delta") ?? stopSequence
        // The counts here are cumulative. Output is always present; newer API versions repeat the
        // input counts too, and when they do they are the final word.
        let deltaUsage = try payload.object("usage", at: "message_delta")
        let path = "message_delta.usage"
        usage.output = try deltaUsage.count("output_tokens", at: path)
        if let input = try deltaUsage.optionalCount("input_tokens", at: path) { usage.uncachedInput = input }
        if let read = try deltaUsage.optionalCount("cache_read_input_tokens", at: path) { usage.cacheRead = read }
        if let write = try deltaUsage.optionalCount("cache_creation_input_tokens", at: path) { usage.cacheWrite = write }
        self.usage = usage
    }

    /// The summary of the whole stream. Throws ``ResponseDecodingError/incompleteStream(_:)``
    /// before `message_stop`: a cut-off stream must not be cached.
    public func summary() throws(ResponseDecodingError) -> ResponseSummary {
        guard isComplete else { throw .incompleteStream("no message_stop") }
        guard let id, let model else { throw .missingField("message_start") }
        guard let stopReason else { throw .missingField("message_delta.delta.stop_reason") }
        var text = ""
        var toolCalls: [ToolCall] = []
        for block in blocks {
            switch block {
            case let .text(part):
                text += part
            case let .toolUse(id, name, startInput, partialJSON):
                let input: JSONValue
                if partialJSON.utf8.allSatisfy({ [0x20, 0x09, 0x0A, 0x0D].contains($0) }) {
                    input = startInput
                } else {
                    input = try JSONValue.parsingResponse(partialJSON)
                }
                toolCalls.append(.init(id: id, name: name, arguments: try ResponseSummary.anthropicToolArguments(input)))
            case .unsummarized:
                break
            }
        }
        return ResponseSummary(
            provider: .anthropic,
            id: id,
            model: model,
            text: text,
            toolCalls: toolCalls,
            providerFinishReason: stopReason,
            usage: usage,
            stopSequence: stopSequence
        )
    }
}
