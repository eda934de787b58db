import AIGatewayCore

extension OpenAIChatFields {
    /// `messages`, with `developer` read as `system` (its newer name) and content given as a
    /// string or as parts.
    func messages() throws(GatewayError) -> [ChatMessage] {
        guard let value = value("messages") else { throw GenerateTextRequest.invalid("the request body needs 'messages'") }
        guard let list = value.arrayValue else { throw Self.mismatch("messages", "an array", value) }
        var messages: [ChatMessage] = []
        for (index, message) in list.enumerated() {
            messages.append(try Self.message(message, path: "messages[\(index)]"))
        }
        return messages
    }

    private static func message(_ message: JSONValue, path: String) throws(GatewayError) -> ChatMessage {
        let role = try string(message["role"], "\(path).role")
        let parts = try content(message["content"], path: "\(path).content")
        switch role {
        case "system", "developer":
            return ChatMessage(role: .system, parts: parts)
        case "user":
            return ChatMessage(role: .user, parts: parts)
        case "assistant":
            return ChatMessage(role: .assistant, parts: parts, toolCalls: try toolCalls(message["tool_calls"], path: "\(path).tool_calls"))
        case "tool":
            return ChatMessage(role: .tool, parts: parts, toolCallId: try string(message["tool_call_id"], "\(path).tool_call_id"))
        default:
            throw GenerateTextRequest.invalid("\(path).role '\(role)' cannot be translated; use system, developer, user, assistant or tool")
        }
    }

    /// A string, an array of text and image parts, or null (an assistant turn with tool calls).
    private static func content(_ value: JSONValue?, path: String) throws(GatewayError) -> [ChatMessage.Part] {
        guard let value, !value.isNull else { return [] }
        if let text = value.stringValue { return [.text(text)] }
        guard let list = value.arrayValue else { throw mismatch(path, "a string or an array of parts", value) }
        var parts: [ChatMessage.Part] = []
        for (index, part) in list.enumerated() {
            let partPath = "\(path)[\(index)]"
            switch part["type"]?.stringValue {
            case "text":
                parts.append(.text(try string(part["text"], "\(partPath).text")))
            case "image_url":
                parts.append(.imageURL(try string(part["image_url"]?["url"], "\(partPath).image_url.url")))
            case let type:
                throw GenerateTextRequest.invalid("\(partPath) of type '\(type ?? "none")' cannot be translated; only text and image_url parts can")
            }
        }
        return parts
    }

    private static func toolCalls(_ value: JSONValue?, path: String) throws(GatewayError) -> [ToolCall] {
        guard let value, !value.isNull else { return [] }
        guard let list = value.arrayValue else { throw mismatch(path, "an array", value) }
        var calls: [ToolCall] = []
        for (index, call) in list.enumerated() {
            let callPath = "\(path)[\(index)]"
            calls.append(ToolCall(
                id: try string(call["id"], "\(callPath).id"),
                name: try string(call["function"]?["name"], "\(callPath).function.name"),
                arguments: try string(call["function"]?["arguments"], "\(callPath).function.arguments")
            ))
        }
        return calls
    }
}
