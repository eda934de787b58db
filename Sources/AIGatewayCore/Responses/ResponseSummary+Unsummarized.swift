extension ResponseSummary {
    /// What can be read of a good answer the summary cannot hold whole (a `thinking` block, a
    /// server tool's block, a custom tool call): its id, model, time, stop reason and usage, so
    /// that it is priced and logged, with no content. Such an answer is passed on as it came
    /// and never stored, so this summary is never rendered. Fields that cannot be read are left
    /// empty rather than failing: the provider's answer itself is fine.
    package static func unsummarized(_ body: [UInt8], provider: Provider) -> ResponseSummary {
        let root = (try? JSONValue.parsingResponse(body)) ?? .null
        let usage: Usage?
        let finishReason: String?
        switch provider {
        case .openai:
            usage = root.field("usage").flatMap { try? Usage.openAI($0, at: "usage") }
            finishReason = root.field("choices")?[0]?.field("finish_reason")?.stringValue
        case .anthropic:
            usage = root.field("usage").flatMap { try? Usage.anthropic($0, at: "usage") }
            finishReason = root.field("stop_reason")?.stringValue
        }
        return ResponseSummary(
            provider: provider,
            id: root.field("id")?.stringValue ?? "",
            model: root.field("model")?.stringValue ?? "",
            created: try? root.optionalCount("created", at: ""),
            providerFinishReason: finishReason ?? "",
            usage: usage
        )
    }
}
