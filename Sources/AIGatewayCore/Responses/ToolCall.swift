/// One function call a model made: in a conversation's history, and in an answer.
public struct ToolCall: Sendable, Hashable, Codable {
    /// `call_…` (OpenAI) or `toolu_…` (Anthropic).
    public var id: String
    public var name: String
    /// The arguments as JSON text. From OpenAI, the `arguments` string byte for byte (it is
    /// model output and need not even be valid JSON). From Anthropic, the `input` object
    /// written compactly in its own key order with its numbers as sent — the same text
    /// whether it came from a body's `input` or a stream's `input_json_delta` fragments.
    public var arguments: String

    public init(id: String, name: String, arguments: String) {
        self.id = id
        self.name = name
        self.arguments = arguments
    }
}
