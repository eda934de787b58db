import AIGatewayCore

/// One message of a conversation, in a shape both providers can express.
public struct ChatMessage: Sendable, Hashable {
    public enum Role: String, Sendable, Hashable {
        case system, user, assistant, tool
    }

    /// One part of a message's content.
    public enum Part: Sendable, Hashable {
        case text(String)
        /// An image by URL (`https://…` or a `data:` URL).
        case imageURL(String)
        /// An image given inline: its media type (`image/png`) and base64 data.
        case imageBase64(mediaType: String, data: String)
    }

    public var role: Role
    public var parts: [Part]
    public var toolCalls: [ToolCall]
    /// For a `tool` message: the id of the call it answers.
    public var toolCallId: String?

    public init(role: Role, parts: [Part], toolCalls: [ToolCall] = [], toolCallId: String? = nil) {
        self.role = role
        self.parts = parts
        self.toolCalls = toolCalls
        self.toolCallId = toolCallId
    }

    public static func system(_ text: String) -> ChatMessage { ChatMessage(role: .system, parts: [.text(text)]) }
    public static func user(_ text: String) -> ChatMessage { ChatMessage(role: .user, parts: [.text(text)]) }
    public static func user(_ parts: [Part]) -> ChatMessage { ChatMessage(role: .user, parts: parts) }
    public static func assistant(_ text: String) -> ChatMessage { ChatMessage(role: .assistant, parts: [.text(text)]) }
    public static func assistant(_ text: String? = nil, toolCalls: [ToolCall]) -> ChatMessage {
        ChatMessage(role: .assistant, parts: text.map { [.text($0)] } ?? [], toolCalls: toolCalls)
    }
    public static func tool(callId: String, _ content: String) -> ChatMessage {
        ChatMessage(role: .tool, parts: [.text(content)], toolCallId: callId)
    }

    /// The concatenated text parts.
    public var text: String {
        parts.compactMap { if case .text(let text) = $0 { text } else { nil } }.joined()
    }
}

/// A tool the model may call: a name, a description and a JSON Schema for its input.
public struct ToolDefinition: Sendable, Hashable {
    public var name: String
    public var description: String?
    /// The JSON Schema of the tool's input, as JSON text. Its key order is kept: it is part
    /// of the prompt, and structured output follows it.
    public var parametersJSON: String

    public init(name: String, description: String? = nil, parametersJSON: String) {
        self.name = name
        self.description = description
        self.parametersJSON = parametersJSON
    }
}

/// Whether the model may or must call a tool.
public enum ToolChoice: Sendable, Hashable {
    /// The model decides (OpenAI `auto`, Anthropic `{"type":"auto"}`).
    case auto
    /// No tool call (OpenAI `none`, Anthropic `{"type":"none"}`).
    case none
    /// Some tool call (OpenAI `required`, Anthropic `{"type":"any"}`).
    case required
    /// A call of this tool.
    case tool(name: String)
}

/// How the model should shape its output.
public enum OutputFormat: Sendable, Hashable {
    case text
    /// Any JSON object (OpenAI `json_object`).
    case jsonObject
    /// JSON that follows a schema (OpenAI `json_schema`, strict).
    case jsonSchema(name: String, schemaJSON: String)
}

extension ChatMessage.Part {
    /// The media type and data of a `data:<type>;base64,<data>` URL; nil for any other URL.
    static func base64DataURL(_ url: String) -> (mediaType: String, data: String)? {
        guard url.hasPrefix("data:"), let comma = url.firstIndex(of: ",") else { return nil }
        let header = url[url.index(url.startIndex, offsetBy: 5)..<comma]
        guard header.hasSuffix(";base64") else { return nil }
        return (String(header.dropLast(7)), String(url[url.index(after: comma)...]))
    }
}
