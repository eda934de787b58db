extension ResponseSummary {
    /// The summary as an OpenAI `chat.completion` body, fields in the order OpenAI sends them.
    ///
    /// `content` is `null` when there is no text but there are tool calls or a refusal, as
    /// OpenAI writes it; `tool_calls` is left out when there are none; `usage` is left out when
    /// it is unknown (see ``usage``).
    public func openAIChatCompletionBody() -> [UInt8] {
        var message: [JSONMember] = [
            .init("role", "assistant"),
            .init("content", openAIContent),
        ]
        if !toolCalls.isEmpty {
            message.append(.init("tool_calls", .array(toolCalls.map { call in
                ["id": .string(call.id), "type": "function", "function": ["name": .string(call.name), "arguments": .string(call.arguments)]]
            })))
        }
        message.append(.init("refusal", .string(orNull: refusal)))

        var body: [JSONMember] = [
            .init("id", .string(id)),
            .init("object", "chat.completion"),
            .init("created", .integer(created ?? 0)),
            .init("model", .string(model)),
            .init("choices", [[
                "index": 0,
                "message": .object(message),
                "logprobs": nil,
                "finish_reason": .string(finishReasonValue(for: .openai)),
            ]]),
        ]
        if let usage { body.append(.init("usage", OpenAIChunkFrame.usageObject(usage))) }
        body.append(.init("system_fingerprint", .string(orNull: systemFingerprint)))
        return JSONValue.object(body).minifiedAsWritten()
    }

    /// The summary as OpenAI `chat.completion.chunk` events, ending with `data: [DONE]`.
    ///
    /// The order is OpenAI's: a role chunk (holding the first tool call's header when there is
    /// no text), the text in one content chunk, a refusal chunk, per tool call a header chunk
    /// (id, type, name, empty arguments) and an arguments chunk, the `finish_reason` chunk with an
    /// empty delta, then — when `includeUsage` is set, as `stream_options.include_usage` asks —
    /// a usage chunk with empty `choices`. With `includeUsage` every chunk carries `"usage":null`
    /// until the last, as OpenAI's do.
    public func openAIChatCompletionChunks(includeUsage: Bool) -> [ServerSentEvent] {
        let frame = OpenAIChunkFrame(id: id, created: created ?? 0, model: model, systemFingerprint: systemFingerprint,
                                     includeUsage: includeUsage)
        var deltas: [JSONValue] = []
        let headerInRoleChunk = text.isEmpty && !toolCalls.isEmpty
        if headerInRoleChunk || (text.isEmpty && refusal != nil) {
            var role: [JSONMember] = [.init("role", "assistant"), .init("content", nil)]
            if headerInRoleChunk { role.append(.init("tool_calls", [OpenAIChunkFrame.toolCallHeader(toolCalls[0], index: 0)])) }
            role.append(.init("refusal", nil))
            deltas.append(.object(role))
        } else {
            deltas.append(OpenAIChunkFrame.roleDelta)
        }
        if !text.isEmpty { deltas.append(["content": .string(text)]) }
        if let refusal { deltas.append(["refusal": .string(refusal)]) }
        for (index, call) in toolCalls.enumerated() {
            if index > 0 || !headerInRoleChunk {
                deltas.append(["tool_calls": [OpenAIChunkFrame.toolCallHeader(call, index: index)]])
            }
            if !call.arguments.isEmpty {
                deltas.append(OpenAIChunkFrame.toolCallArguments(call.arguments, index: index))
            }
        }
        var events = deltas.map(frame.delta)
        events.append(frame.finish(reason: finishReasonValue(for: .openai)))
        if includeUsage, let usage { events.append(frame.usage(usage)) }
        events.append(OpenAIChunkFrame.done)
        return events
    }

    /// ``openAIChatCompletionChunks(includeUsage:)`` as `text/event-stream` bytes.
    public func openAIChatCompletionStream(includeUsage: Bool) -> [UInt8] {
        Self.streamBytes(openAIChatCompletionChunks(includeUsage: includeUsage))
    }

    private var openAIContent: JSONValue {
        text.isEmpty && (!toolCalls.isEmpty || refusal != nil) ? nil : .string(text)
    }

    static func streamBytes(_ events: [ServerSentEvent]) -> [UInt8] {
        let writer = SSEWriter()
        var bytes: [UInt8] = []
        for event in events {
            do {
                bytes += try writer.encode(event)
            } catch {
                // Rendered events have no id and event names without line breaks; data is JSON,
                // whose strings escape line breaks.
                preconditionFailure("rendered event failed to encode: \(error)")
            }
        }
        return bytes
    }
}
