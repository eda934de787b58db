/// The tokens of one request, split by how each kind is billed.
///
/// The four counts are disjoint: a token is in exactly one of them. Providers do not report them
/// that way, hence the two constructors:
///
/// - OpenAI: `usage.prompt_tokens` *includes* `usage.prompt_tokens_details.cached_tokens`, so
///   the uncached input is `prompt_tokens − cached_tokens`. OpenAI charges nothing extra to
///   write its cache, so there are no cache-write tokens.
/// - Anthropic: `usage.input_tokens` *excludes* both `cache_read_input_tokens` and
///   `cache_creation_input_tokens`; the three are already disjoint.
public struct BilledTokens: Sendable, Hashable {
    /// Input tokens billed at the full input price.
    public var uncachedInput: Int
    public var output: Int
    /// Input tokens served from the provider's prompt cache (cheaper).
    public var cacheRead: Int
    /// Input tokens written to the provider's prompt cache (dearer, on Anthropic).
    public var cacheWrite: Int

    public init(uncachedInput: Int = 0, output: Int = 0, cacheRead: Int = 0, cacheWrite: Int = 0) {
        self.uncachedInput = uncachedInput
        self.output = output
        self.cacheRead = cacheRead
        self.cacheWrite = cacheWrite
    }

    /// From an OpenAI `usage` object, where `prompt_tokens` includes the cached tokens.
    /// Nil if a count is negative or more tokens are cached than were prompted.
    public init?(openAIPromptTokens promptTokens: Int, completionTokens: Int, cachedTokens: Int = 0) {
        guard promptTokens >= 0, completionTokens >= 0, cachedTokens >= 0, cachedTokens <= promptTokens else {
            return nil
        }
        self.init(uncachedInput: promptTokens - cachedTokens, output: completionTokens, cacheRead: cachedTokens)
    }

    /// From an Anthropic `usage` object, where `input_tokens` excludes cache reads and writes.
    /// Nil if a count is negative.
    public init?(
        anthropicInputTokens inputTokens: Int,
        outputTokens: Int,
        cacheReadInputTokens: Int = 0,
        cacheCreationInputTokens: Int = 0
    ) {
        guard inputTokens >= 0, outputTokens >= 0, cacheReadInputTokens >= 0, cacheCreationInputTokens >= 0 else {
            return nil
        }
        self.init(
            uncachedInput: inputTokens,
            output: outputTokens,
            cacheRead: cacheReadInputTokens,
            cacheWrite: cacheCreationInputTokens
        )
    }

    /// All input tokens, however billed.
    public var totalInput: Int { uncachedInput + cacheRead + cacheWrite }
}

extension BilledTokens: Codable {
    /// The names a stored response summary uses (`ResponseSummary.usage`); changing them
    /// changes stored bytes.
    enum CodingKeys: String, CodingKey {
        case uncachedInput = "uncachedInputTokens"
        case output = "outputTokens"
        case cacheRead = "cacheReadInputTokens"
        case cacheWrite = "cacheWriteInputTokens"
    }
}
