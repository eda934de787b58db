/// What every `chat.completion.chunk` of one OpenAI stream repeats (id, created, model,
/// fingerprint), and the chunks built on it, in the shapes OpenAI sends.
package struct OpenAIChunkFrame: Sendable {
    var id: String
    var created: Int
    var model: String
    var systemFingerprint: String?
    /// `stream_options.include_usage`: every chunk then carries `"usage":null` until a last
    /// chunk with empty `choices` carries the usage, as OpenAI's do.
    var includeUsage: Bool

    package init(id: String, created: Int, model: String, systemFingerprint: String? = nil, includeUsage: Bool) {
        self.id = id
        self.created = created
        self.model = model
        self.systemFingerprint = systemFingerprint
        self.includeUsage = includeUsage
    }

    /// A chunk with one choice (number `choice`) holding `delta`.
    package func delta(_ delta: JSONValue, choice: Int = 0) -> ServerSentEvent {
        event(choices: [["index": .integer(choice), "delta": delta, "logprobs": nil, "finish_reason": nil]])
    }

    /// The chunk with an empty delta and the finish reason of choice number `choice`.
    package func finish(reason: String, choice: Int = 0) -> ServerSentEvent {
        event(choices: [["index": .integer(choice), "delta": [:], "logprobs": nil, "finish_reason": .string(reason)]])
    }

    /// The usage chunk, with empty `choices`.
    package func usage(_ usage: BilledTokens) -> ServerSentEvent {
        event(choices: [], usage: Self.usageObject(usage))
    }

    package static let done = ServerSentEvent(data: "[DONE]")

    /// The delta that opens a stream: the role, empty content.
    package static let roleDelta: JSONValue = .object([
        JSONMember("role", "assistant"), JSONMember("content", ""), JSONMember("refusal", nil),
    ])

    package static func toolCallHeader(_ call: ToolCall, index: Int) -> JSONValue {
        ["index": .integer(index), "id": .string(call.id), "type": "function", "function": ["name": .string(call.name), "arguments": ""]]
    }

    package static func toolCallArguments(_ arguments: String, index: Int) -> JSONValue {
        ["tool_calls": [["index": .integer(index), "function": ["arguments": .string(arguments)]]]]
    }

    static func usageObject(_ usage: BilledTokens) -> JSONValue {
        [
            "prompt_tokens": .integer(usage.openAIPromptTokens),
            "completion_tokens": .integer(usage.output),
            "total_tokens": .integer(usage.openAITotalTokens),
            "prompt_tokens_details": ["cached_tokens": .integer(usage.cacheRead)],
        ]
    }

    private func event(choices: [JSONValue], usage: JSONValue = nil) -> ServerSentEvent {
        var chunk: [JSONMember] = [
            .init("id", .string(id)),
            .init("object", "chat.completion.chunk"),
            .init("created", .integer(created)),
            .init("model", .string(model)),
            .init("choices", .array(choices)),
        ]
        // Absent rather than null: OpenAI's schema types it as a string (translated answers have none).
        if let systemFingerprint { chunk.insert(.init("system_fingerprint", .string(systemFingerprint)), at: 4) }
        if includeUsage { chunk.append(.init("usage", usage)) }
        return ServerSentEvent(data: JSONValue.object(chunk).minifiedTextAsWritten)
    }
}
