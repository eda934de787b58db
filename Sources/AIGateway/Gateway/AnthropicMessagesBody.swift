import AIGatewayCore

/// Writes a ``GenerateTextRequest`` as an Anthropic messages body.
enum AnthropicMessagesBody {
    static func make(_ request: GenerateTextRequest, stream: Bool, defaultMaxTokens: Int) throws -> [UInt8] {
        var members: [(String, JSONValue)] = [
            ("model", .string(request.model)),
            ("max_tokens", .integer(request.maxTokens ?? defaultMaxTokens)),
        ]
        let systemTexts = request.messages.filter { $0.role == .system }.map(\.text)
        if systemTexts.count == 1 {
            members.append(("system", .string(systemTexts[0])))
        } else if systemTexts.count > 1 {
            members.append(("system", .array(systemTexts.map { .object(fields: [("type", "text"), ("text", .string($0))]) })))
        }
        members.append(("messages", .array(try turns(request.messages.filter { $0.role != .system }))))
        if let temperature = request.temperature { members.append(("temperature", try OpenAIChatBody.number(temperature, "temperature"))) }
        if let topP = request.topP { members.append(("top_p", try OpenAIChatBody.number(topP, "topP"))) }
        if !request.stop.isEmpty { members.append(("stop_sequences", .array(request.stop.map { .string($0) }))) }
        if !request.tools.isEmpty {
            members.append(("tools", .array(try request.tools.map { tool in
                var fields: [(String, JSONValue)] = [("name", .string(tool.name))]
                if let description = tool.description { fields.append(("description", .string(description))) }
                fields.append(("input_schema", try .parsing(tool.parametersJSON, what: "the parameters of tool \(tool.name)")))
                return .object(fields: fields)
            })))
        }
        if let choice = anthropicToolChoice(request) { members.append(("tool_choice", choice)) }
        if request.seed != nil {
            throw GatewayError(.invalidRequest, provider: .anthropic, message: "seed is not supported by Anthropic models (\(request.model))")
        }
        if request.outputFormat != .text {
            throw GatewayError(.invalidRequest, provider: .anthropic, message: "JSON output modes are not supported by Anthropic models (\(request.model)); describe the format in the prompt or use a tool")
        }
        if stream { members.append(("stream", true)) }
        return JSONWriter.minified(.object(fields: members))
    }

    /// Anthropic takes tool results as user turns; consecutive tool messages become one turn.
    private static func turns(_ messages: [ChatMessage]) throws -> [JSONValue] {
        var turns: [JSONValue] = []
        var pendingResults: [JSONValue] = []
        func flushResults() {
            if !pendingResults.isEmpty {
                turns.append(.object(fields: [("role", "user"), ("content", .array(pendingResults))]))
                pendingResults = []
            }
        }
        for message in messages {
            if message.role == .tool {
                pendingResults.append(.object(fields: [
                    ("type", "tool_result"),
                    ("tool_use_id", .string(message.toolCallId ?? "")),
                    ("content", .string(message.text)),
                ]))
                continue
            }
            flushResults()
            turns.append(.object(fields: [("role", .string(message.role.rawValue)), ("content", try content(message))]))
        }
        flushResults()
        return turns
    }

    private static func content(_ message: ChatMessage) throws -> JSONValue {
        if message.toolCalls.isEmpty, message.parts.count == 1, case .text(let text) = message.parts[0] {
            return .string(text)
        }
        var blocks: [JSONValue] = message.parts.map { part in
            switch part {
            case .text(let text):
                .object(fields: [("type", "text"), ("text", .string(text))])
            case .imageURL(let url):
                if let (mediaType, data) = ChatMessage.Part.base64DataURL(url) {
                    // Anthropic takes inline images as base64 sources, not as data: URLs.
                    imageBlock(source: [("type", "base64"), ("media_type", .string(mediaType)), ("data", .string(data))])
                } else {
                    imageBlock(source: [("type", "url"), ("url", .string(url))])
                }
            case .imageBase64(let mediaType, let data):
                imageBlock(source: [("type", "base64"), ("media_type", .string(mediaType)), ("data", .string(data))])
            }
        }
        for call in message.toolCalls {
            blocks.append(.object(fields: [
                ("type", "tool_use"),
                ("id", .string(call.id)),
                ("name", .string(call.name)),
                ("input", try .parsing(call.arguments, what: "the arguments of tool call \(call.id)")),
            ]))
        }
        return .array(blocks)
    }

    private static func imageBlock(source: [(String, JSONValue)]) -> JSONValue {
        .object(fields: [("type", "image"), ("source", .object(fields: source))])
    }

    /// Anthropic's `tool_choice`; `parallelToolCalls: false` rides on it as
    /// `disable_parallel_tool_use`, so it needs a choice (`auto` when none was given).
    private static func anthropicToolChoice(_ request: GenerateTextRequest) -> JSONValue? {
        let disableParallel = request.parallelToolCalls == false
        guard request.toolChoice != nil || disableParallel else { return nil }
        var fields: [(String, JSONValue)] = switch request.toolChoice ?? .auto {
        case .auto: [("type", "auto")]
        case .none: [("type", "none")]
        case .required: [("type", "any")]
        case .tool(let name): [("type", "tool"), ("name", .string(name))]
        }
        if disableParallel, request.toolChoice != ToolChoice.none { fields.append(("disable_parallel_tool_use", true)) }
        return .object(fields: fields)
    }
}
