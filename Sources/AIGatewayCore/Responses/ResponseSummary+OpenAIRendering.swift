extension ResponseSummary {
    /// The summary as an OpenAI `chat.completion` body, fields in the order OpenAI sends them.
    ///
    /// `content` is `null` when there is no text but there are tool calls or a refusal, as
    /// OpenAI writes it; `tool_calls` is left out when there are none; `usage` is left out when
    /// it is unknown (see ``usage``).
    public func openAIChatCompletionBody() -> [UInt8] {
        var body: [JSONMember] = [
            .init("id", .string(id)),
            .init("object", "chat.completion"),
            .init("created", .integer(created ?? 0)),
            .init("model", .string(model)),
            .init("choices", .array(choices.enumerated().map { index, choice in
                .object([
                    .init("index", .integer(index)),
                    .init("message", Self.openAIMessage(choice)),
                    .init("logprobs", nil),
                    .init("finish_reason", .string(finishReasonValue(choice.providerFinishReason, for: .openai))),
                ])
            })),
        ]
        if let usage { body.append(.init("usage", OpenAIChunkFrame.usageObject(usage))) }
        // Absent rather than null: OpenAI's schema types it as a string (translated answers have none).
        if let systemFingerprint { body.append(.init("system_fingerprint", .string(systemFingerprint))) }
        return JSONValue.object(body).minifiedAsWritten()
    }

    private static func openAIMessage(_ choice: ResponseChoice) -> JSONValue {
        var message: [JSONMember] = [
            .init("role", "assistant"),
            .init("content", openAIContent(choice)),
        ]
        if !choice.toolCalls.isEmpty {
            message.append(.init("tool_calls", .array(choice.toolCalls.map { call in
                ["id": .string(call.id), "type": "function", "function": ["name": .string(call.name), "arguments": .string(call.arguments)]]
            })))
        }
        message.append(.init("refusal", .string(orNull: choice.refusal)))
        return .object(message)
    }

    /// The summary as OpenAI `chat.completion.chunk` events, ending with `data: [DONE]`.
    ///
    /// The order is OpenAI's, choice after choice: a role chunk (holding the first tool call's
    /// header when there is no text), the text in one content chunk, a refusal chunk, per tool
    /// call a header chunk (id, type, name, empty arguments) and an arguments chunk, the
    /// `finish_reason` chunk with an empty delta; then — when `includeUsage` is set, as
    /// `stream_options.include_usage` asks — a usage chunk with empty `choices`. With
    /// `includeUsage` every chunk carries `"usage":null` until the last, as OpenAI's do.
    public func openAIChatCompletionChunks(includeUsage: Bool) -> [ServerSentEvent] {
        let frame = OpenAIChunkFrame(id: id, created: created ?? 0, model: model, systemFingerprint: systemFingerprint,
                                     includeUsage: includeUsage)
        var events: [ServerSentEvent] = []
        for (index, choice) in choices.enumerated() {
            events += Self.openAIDeltas(choice).map { frame.delta($0, choice: index) }
            events.append(frame.finish(reason: finishReasonValue(choice.providerFinishReason, for: .openai), choice: index))
        }
        if includeUsage, let usage { events.append(frame.usage(usage)) }
        events.append(OpenAIChunkFrame.done)
        return events
    }

    private static func openAIDeltas(_ choice: ResponseChoice) -> [JSONValue] {
        var deltas: [JSONValue] = []
        let headerInRoleChunk = choice.text.isEmpty && !choice.toolCalls.isEmpty
        if headerInRoleChunk || (choice.text.isEmpty && choice.refusal != nil) {
            var role: [JSONMember] = [.init("role", "assistant"), .init("content", nil)]
            if headerInRoleChunk { role.append(.init("tool_calls", [OpenAIChunkFrame.toolCallHeader(choice.toolCalls[0], index: 0)])) }
            role.append(.init("refusal", nil))
            deltas.append(.object(role))
        } else {
            deltas.append(OpenAIChunkFrame.roleDelta)
        }
        if !choice.text.isEmpty { deltas.append(["content": .string(choice.text)]) }
        if let refusal = choice.refusal { deltas.append(["refusal": .string(refusal)]) }
        for (index, call) in choice.toolCalls.enumerated() {
            if index > 0 || !headerInRoleChunk {
                deltas.append(["tool_calls": [OpenAIChunkFrame.toolCallHeader(call, index: index)]])
            }
            if !call.arguments.isEmpty {
                deltas.append(OpenAIChunkFrame.toolCallArguments(call.arguments, index: index))
            }
        }
        return deltas
    }

    /// ``openAIChatCompletionChunks(includeUsage:)`` as `text/event-stream` bytes.
    public func openAIChatCompletionStream(includeUsage: Bool) -> [UInt8] {
        Self.streamBytes(openAIChatCompletionChunks(includeUsage: includeUsage))
    }

    private static func openAIContent(_ choice: ResponseChoice) -> JSONValue {
        choice.text.isEmpty && (!choice.toolCalls.isEmpty || choice.refusal != nil) ? nil : .string(choice.text)
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
