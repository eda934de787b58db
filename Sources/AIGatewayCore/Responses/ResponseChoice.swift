/// One of several answers to the same OpenAI request (`n > 1`): what ``ResponseSummary`` keeps
/// for its first choice, kept again for each choice after it.
public struct ResponseChoice: Sendable, Equatable, Codable {
    public var text: String
    public var refusal: String?
    public var toolCalls: [ToolCall]
    /// The stop reason exactly as the provider sent it.
    public var providerFinishReason: String

    public init(text: String = "", refusal: String? = nil, toolCalls: [ToolCall] = [], providerFinishReason: String) {
        self.text = text
        self.refusal = refusal
        self.toolCalls = toolCalls
        self.providerFinishReason = providerFinishReason
    }
}

extension ResponseSummary {
    /// Every choice in index order: the first from the summary's own fields, then
    /// ``additionalChoices``.
    public var choices: [ResponseChoice] {
        [ResponseChoice(text: text, refusal: refusal, toolCalls: toolCalls, providerFinishReason: providerFinishReason)]
            + additionalChoices
    }
}
