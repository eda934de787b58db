import AIGatewayCore
import Foundation

/// Token counts of one request, in OpenAI's convention: prompt tokens include cached ones.
public struct Usage: Sendable, Hashable {
    public var promptTokens: Int
    public var completionTokens: Int
    public var totalTokens: Int { promptTokens + completionTokens }
    /// Prompt tokens read from the provider's prompt cache (billed at the cached-input price).
    public var cachedPromptTokens: Int
    /// Prompt tokens written to the provider's prompt cache (Anthropic).
    public var cacheWriteTokens: Int

    public init(promptTokens: Int, completionTokens: Int, cachedPromptTokens: Int = 0, cacheWriteTokens: Int = 0) {
        self.promptTokens = promptTokens
        self.completionTokens = completionTokens
        self.cachedPromptTokens = cachedPromptTokens
        self.cacheWriteTokens = cacheWriteTokens
    }

    init(_ usage: ResponseSummary.Usage?) {
        guard let usage else {
            self.init(promptTokens: 0, completionTokens: 0)
            return
        }
        self.init(
            promptTokens: usage.uncachedInput + usage.cacheRead + usage.cacheWrite,
            completionTokens: usage.output,
            cachedPromptTokens: usage.cacheRead,
            cacheWriteTokens: usage.cacheWrite
        )
    }
}

/// The answer to ``AIGateway/generateText(_:)``.
public struct GenerateTextResponse: Sendable {
    /// `aigw_<unix ms>_<random>`.
    public var requestId: String
    public var content: String
    public var toolCalls: [ToolCall]
    public var usage: Usage
    public var latencyMs: Int64
    /// What this request cost in USD: zero when served from the cache; nil when the model's
    /// price is unknown (never a silent zero).
    public var cost: USD?
    public var model: String
    public var provider: Provider
    /// Normalized: `stop`, `length`, `tool_calls`, `content_filter`, or the provider's own word.
    public var finishReason: String
    public var timestamp: Date
    public var cached: Bool
    public var cacheStatus: CacheStatus
    /// On a hit, what the original call cost (and so what this one saved); zero on a miss.
    public var costSaved: USD?
    public var cacheKey: CacheKey?

    init(_ outcome: CompletionOutcome) {
        requestId = outcome.requestId
        content = outcome.summary.text
        toolCalls = outcome.summary.toolCalls
        usage = Usage(outcome.summary.usage)
        latencyMs = outcome.latency.milliseconds
        cost = outcome.cost
        model = outcome.summary.model.isEmpty ? outcome.model : outcome.summary.model
        provider = outcome.provider
        finishReason = outcome.summary.finishReason.providerValue(for: .openai)
        timestamp = Date(timeIntervalSince1970: Double(outcome.timestampMs) / 1_000)
        cached = outcome.cacheStatus == .hit
        cacheStatus = outcome.cacheStatus
        costSaved = outcome.saved
        cacheKey = outcome.key
    }
}
