extension ResponseSummary {
    /// Token counts in one convention for both providers: four **disjoint** counts
    /// (``BilledTokens``), as Anthropic reports them. OpenAI's `prompt_tokens` *includes* its
    /// `cached_tokens`, so it is stored as `uncachedInput = prompt_tokens − cached_tokens` and
    /// `cacheRead = cached_tokens`; ``BilledTokens/openAIPromptTokens`` adds them back exactly.
    public typealias Usage = BilledTokens
}

extension BilledTokens {
    /// All input tokens however billed: OpenAI's `prompt_tokens`.
    public var openAIPromptTokens: Int { totalInput }

    /// OpenAI's `total_tokens`.
    public var openAITotalTokens: Int { totalInput + output }
}

extension BilledTokens {
    /// An OpenAI `usage` object.
    static func openAI(_ usage: JSONValue, at path: String) throws(ResponseDecodingError) -> Self {
        let prompt = try usage.count("prompt_tokens", at: path)
        let completion = try usage.count("completion_tokens", at: path)
        let cached = try usage.field("prompt_tokens_details")?.optionalCount("cached_tokens", at: "\(path).prompt_tokens_details") ?? 0
        guard let parsed = Self(openAIPromptTokens: prompt, completionTokens: completion, cachedTokens: cached) else {
            throw .unexpectedValue(field: "\(path).prompt_tokens_details.cached_tokens", value: "\(cached) > prompt_tokens \(prompt)")
        }
        return parsed
    }

    /// An Anthropic `usage` object. The cache counts may be absent or `null` (older API
    /// versions, or no caching), which means 0.
    static func anthropic(_ usage: JSONValue, at path: String) throws(ResponseDecodingError) -> Self {
        Self(
            uncachedInput: try usage.count("input_tokens", at: path),
            output: try usage.count("output_tokens", at: path),
            cacheRead: try usage.optionalCount("cache_read_input_tokens", at: path) ?? 0,
            cacheWrite: try usage.optionalCount("cache_creation_input_tokens", at: path) ?? 0
        )
    }
}
