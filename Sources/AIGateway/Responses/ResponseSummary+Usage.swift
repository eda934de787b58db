extension ResponseSummary {
    /// Token counts in one convention for both providers: four **disjoint** counts, as
    /// ``BilledTokens`` holds them and as Anthropic reports them.
    ///
    /// OpenAI's `prompt_tokens` *includes* its `cached_tokens`, so it is stored as
    /// `uncachedInputTokens = prompt_tokens − cached_tokens` and `cacheReadInputTokens =
    /// cached_tokens`; ``openAIPromptTokens`` adds them back exactly. Anthropic's `input_tokens`
    /// already excludes `cache_read_input_tokens` and `cache_creation_input_tokens`, so its numbers
    /// are stored as they are.
    public struct Usage: Sendable, Hashable, Codable {
        /// Input tokens neither read from nor written to a prompt cache.
        public var uncachedInputTokens: Int
        public var outputTokens: Int
        /// Input tokens read from the prompt cache: OpenAI `cached_tokens`, Anthropic
        /// `cache_read_input_tokens`.
        public var cacheReadInputTokens: Int
        /// Input tokens written to the prompt cache: Anthropic `cache_creation_input_tokens`
        /// (OpenAI reports none).
        public var cacheWriteInputTokens: Int

        public init(uncachedInputTokens: Int, outputTokens: Int, cacheReadInputTokens: Int = 0, cacheWriteInputTokens: Int = 0) {
            self.uncachedInputTokens = uncachedInputTokens
            self.outputTokens = outputTokens
            self.cacheReadInputTokens = cacheReadInputTokens
            self.cacheWriteInputTokens = cacheWriteInputTokens
        }

        /// From OpenAI's numbers, where `prompt_tokens` includes `cached_tokens`. Nil if a count
        /// is negative or more tokens are cached than were prompted.
        public init?(openAIPromptTokens promptTokens: Int, completionTokens: Int, cachedTokens: Int = 0) {
            guard promptTokens >= 0, completionTokens >= 0, cachedTokens >= 0, cachedTokens <= promptTokens else {
                return nil
            }
            self.init(uncachedInputTokens: promptTokens - cachedTokens, outputTokens: completionTokens, cacheReadInputTokens: cachedTokens)
        }

        /// From Anthropic's numbers, which are already disjoint. Nil if a count is negative.
        public init?(anthropicInputTokens inputTokens: Int, outputTokens: Int, cacheReadInputTokens: Int = 0, cacheCreationInputTokens: Int = 0) {
            guard inputTokens >= 0, outputTokens >= 0, cacheReadInputTokens >= 0, cacheCreationInputTokens >= 0 else {
                return nil
            }
            self.init(
                uncachedInputTokens: inputTokens,
                outputTokens: outputTokens,
                cacheReadInputTokens: cacheReadInputTokens,
                cacheWriteInputTokens: cacheCreationInputTokens
            )
        }

        /// All input tokens however billed: OpenAI's `prompt_tokens`.
        public var openAIPromptTokens: Int { uncachedInputTokens + cacheReadInputTokens + cacheWriteInputTokens }

        /// OpenAI's `total_tokens`.
        public var openAITotalTokens: Int { openAIPromptTokens + outputTokens }

        /// The same counts for pricing.
        public var billedTokens: BilledTokens {
            BilledTokens(
                uncachedInput: uncachedInputTokens,
                output: outputTokens,
                cacheRead: cacheReadInputTokens,
                cacheWrite: cacheWriteInputTokens
            )
        }
    }
}

extension ResponseSummary.Usage {
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
            uncachedInputTokens: try usage.count("input_tokens", at: path),
            outputTokens: try usage.count("output_tokens", at: path),
            cacheReadInputTokens: try usage.optionalCount("cache_read_input_tokens", at: path) ?? 0,
            cacheWriteInputTokens: try usage.optionalCount("cache_creation_input_tokens", at: path) ?? 0
        )
    }
}
