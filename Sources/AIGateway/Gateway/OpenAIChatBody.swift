import AIGatewayCore

/// Writes a ``GenerateTextRequest`` as an OpenAI chat-completions body.
enum OpenAIChatBody {
    static func make(_ request: GenerateTextRequest, stream: Bool) throws -> [UInt8] {
        var members: [(String, JSONValue)] = [
            ("model", .string(request.model)),
            ("messages", .array(try request.messages.map(message))),
        ]
        if let temperature = request.temperature { members.append(("temperature", try number(temperature, "temperature"))) }
        if let topP = request.topP { members.append(("top_p", try number(topP, "topP"))) }
        if let maxTokens = request.maxTokens { members.append(("max_completion_tokens", .integer(maxTokens))) }
        if !request.stop.isEmpty { members.append(("stop", .array(request.stop.map { .string($0) }))) }
        if !request.tools.isEmpty { members.append(("tools", .array(try request.tools.map(tool)))) }
        if let choice = request.toolChoice { members.append(("tool_choice", toolChoice(choice))) }
        if let parallel = request.parallelToolCalls { members.append(("parallel_tool_calls", .bool(parallel))) }
        if let seed = request.seed { members.append(("seed", .integer(seed))) }
        switch request.outputFormat {
        case .text:
            break
        case .jsonObject:
            members.append(("response_format", .object(fields: [("type", "json_object")])))
        case .jsonSchema(let name, let schemaJSON):
            members.append(("response_format", .object(fields: [
                ("type", "json_schema"),
                ("json_schema", .object(fields: [
                    ("name", .string(name)),
                    ("schema", try .parsing(schemaJSON, what: "the JSON schema \(name)")),
                    ("strict", true),
                ])),
            ])))
        }
        if stream {
            members.append(("stream", true))
            // Usage arrives only when asked for; it is dropped from the key, so streamed and
            // non-streamed calls still share an entry.
            members.append(("stream_options", .object(fields: [("include_usage", true)])))
        }
        return JSONWriter.minified(.object(fields: members))
    }

    private static func message(_ message: ChatMessage) throws -> JSONValue {
        var members: [(String, JSONValue)] = [("role", .string(message.role.rawValue))]
        switch message.role {
        case .tool:
            members.append(("tool_call_id", .string(message.toolCallId ?? "")))
            members.append(("content", .string(message.text)))
        case .assistant where !message.toolCalls.isEmpty:
            members.append(("content", message.parts.isEmpty ? .null : .string(message.text)))
            members.append(("tool_calls", .array(message.toolCalls.map { call in
                .object(fields: [
                    ("id", .string(call.id)),
                    ("type", "function"),
                    ("function", .object(fields: [("name", .string(call.name)), ("arguments", .string(call.arguments))])),
                ])
            })))
        default:
            members.append(("content", content(message.parts)))
        }
        return .object(fields: members)
    }

    /// A plain string when the content is one text part (the shorthand); blocks otherwise.
    private static func content(_ parts: [ChatMessage.Part]) -> JSONValue {
        if parts.count == 1, case .text(let text) = parts[0] { return .string(text) }
        return .array(parts.map { part in
            switch part {
            case .text(let text):
                .object(fields: [("type", "text"), ("text", .string(text))])
            case .imageURL(let url):
                .object(fields: [("type", "image_url"), ("image_url", .object(fields: [("url", .string(url))]))])
            case .imageBase64(let mediaType, let data):
                .object(fields: [("type", "image_url"), ("image_url", .object(fields: [("url", .string("data:\(mediaType);base64,\(data)"))]))])
            }
        })
    }

    private static func tool(_ tool: ToolDefinition) throws -> JSONValue {
        var function: [(String, JSONValue)] = [("name", .string(tool.name))]
        if let description = tool.description { function.append(("description", .string(description))) }
        function.append(("parameters", try .parsing(tool.parametersJSON, what: "the parameters of tool \(tool.name)")))
        return .object(fields: [("type", "function"), ("function", .object(fields: function))])
    }

    private static func toolChoice(_ choice: ToolChoice) -> JSONValue {
        switch choice {
        case .auto: "auto"
        case .none: "none"
        case .required: "required"
        case .tool(let name): .object(fields: [("type", "function"), ("function", .object(fields: [("name", .string(name))]))])
        }
    }

    static func number(_ value: Double, _ name: String) throws -> JSONValue {
        guard let number = JSONValue.number(value) else {
            throw GatewayError(.invalidRequest, message: "\(name) must be a finite number, got \(value)")
        }
        return number
    }
}
