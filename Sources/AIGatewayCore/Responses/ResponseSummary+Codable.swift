/// Written by hand only so that ``ResponseSummary/additionalChoices`` is left out when empty (and
/// read as empty when absent), as ``ResponseSummary/encoded()`` writes it: a one-choice answer
/// is stored exactly as before choices were kept. Every other member is what the compiler would
/// write.
extension ResponseSummary: Codable {
    private enum CodingKeys: String, CodingKey {
        case provider, id, model, created, text, refusal, toolCalls, providerFinishReason, usage,
             systemFingerprint, stopSequence, additionalChoices
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            provider: try container.decode(Provider.self, forKey: .provider),
            id: try container.decode(String.self, forKey: .id),
            model: try container.decode(String.self, forKey: .model),
            created: try container.decodeIfPresent(Int.self, forKey: .created),
            text: try container.decode(String.self, forKey: .text),
            refusal: try container.decodeIfPresent(String.self, forKey: .refusal),
            toolCalls: try container.decode([ToolCall].self, forKey: .toolCalls),
            providerFinishReason: try container.decode(String.self, forKey: .providerFinishReason),
            usage: try container.decodeIfPresent(Usage.self, forKey: .usage),
            systemFingerprint: try container.decodeIfPresent(String.self, forKey: .systemFingerprint),
            stopSequence: try container.decodeIfPresent(String.self, forKey: .stopSequence),
            additionalChoices: try container.decodeIfPresent([ResponseChoice].self, forKey: .additionalChoices) ?? []
        )
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(provider, forKey: .provider)
        try container.encode(id, forKey: .id)
        try container.encode(model, forKey: .model)
        try container.encodeIfPresent(created, forKey: .created)
        try container.encode(text, forKey: .text)
        try container.encodeIfPresent(refusal, forKey: .refusal)
        try container.encode(toolCalls, forKey: .toolCalls)
        try container.encode(providerFinishReason, forKey: .providerFinishReason)
        try container.encodeIfPresent(usage, forKey: .usage)
        try container.encodeIfPresent(systemFingerprint, forKey: .systemFingerprint)
        try container.encodeIfPresent(stopSequence, forKey: .stopSequence)
        if !additionalChoices.isEmpty { try container.encode(additionalChoices, forKey: .additionalChoices) }
    }
}
