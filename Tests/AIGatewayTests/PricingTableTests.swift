import Foundation
import Testing
@testable import AIGateway

@Suite struct PricingTableTests {
    let table: PriceTable

    init() throws {
        table = try PriceTable.shipped()
    }

    /// 100 prompt + 200 completion tokens on each seed model, computed by hand.
    @Test(arguments: [
        ("gpt-4o-mini", "0.000135"),
        ("gpt-4o", "0.0035"),
        ("claude-3-5-sonnet", "0.0033"),
        ("claude-3-5-haiku", "0.00088"),
    ])
    func seedModelCostsMatchHandComputedFigures(model: String, expected: String) throws {
        let usage = BilledTokens(uncachedInput: 100, output: 200)
        let cost = try #require(table.cost(model: model, usage: usage))
        #expect(cost == USD(parsing: expected))
        #expect(cost.description == "$" + expected)
    }

    @Test func seedPricesAreTheProjectSeedPrices() throws {
        let expected: [String: (String, String)] = [
            "gpt-4o": ("5.00", "15.00"),
            "gpt-4o-mini": ("0.15", "0.60"),
            "claude-3-5-sonnet": ("3.00", "15.00"),
            "claude-3-5-haiku": ("0.80", "4.00"),
        ]
        for (model, (input, output)) in expected {
            let price = try #require(table.prices[model])
            #expect(price.inputPerMillion == USD(parsing: input))
            #expect(price.outputPerMillion == USD(parsing: output))
        }
    }

    @Test func shippedTableIsWellFormed() {
        #expect(table.version >= 1)
        #expect(table.effectiveDate.count == 10)
        #expect(table.prices.count >= 30)
        for (family, price) in table.prices {
            #expect(price.isExactPerToken, "\(family)")
            #expect(["openai", "anthropic", "google"].contains(price.provider), "\(family)")
            #expect(price.inputPerMillion > .zero, "\(family)")
        }
    }

    @Test func openAICachedTokensAreCarvedOutOfPromptTokens() throws {
        // prompt_tokens 1000 includes cached_tokens 400: 600 × $0.15 + 400 × $0.075 per million.
        let usage = try #require(BilledTokens(openAIPromptTokens: 1000, completionTokens: 0, cachedTokens: 400))
        #expect(usage == BilledTokens(uncachedInput: 600, cacheRead: 400))
        #expect(table.cost(model: "gpt-4o-mini", usage: usage) == USD(parsing: "0.00012"))
        #expect(BilledTokens(openAIPromptTokens: 10, completionTokens: 0, cachedTokens: 11) == nil)
        #expect(BilledTokens(openAIPromptTokens: -1, completionTokens: 0) == nil)
    }

    @Test func anthropicCacheReadsAndWritesArePricedSeparately() throws {
        // input_tokens excludes both cache counts.
        let usage = try #require(BilledTokens(
            anthropicInputTokens: 100, outputTokens: 50, cacheReadInputTokens: 1000, cacheCreationInputTokens: 2000))
        #expect(usage.totalInput == 3100)
        // 100 × 3.00 + 1000 × 0.30 + 2000 × 3.75 + 50 × 15.00 = 300 + 300 + 7500 + 750 µUSD.
        #expect(table.cost(model: "claude-3-5-sonnet-20241022", usage: usage) == USD(parsing: "0.00885"))
    }

    @Test func missingCachePricesFallBackToTheInputPrice() throws {
        // gpt-4o carries only the seed input/output prices; cache reads are billed as input.
        let usage = BilledTokens(cacheRead: 1_000_000, cacheWrite: 1_000_000)
        #expect(table.cost(model: "gpt-4o", usage: usage) == USD(parsing: "10.00"))
    }

    @Test(arguments: [
        ("gpt-4o-mini", "gpt-4o-mini"),
        ("GPT-4o-Mini", "gpt-4o-mini"),
        ("gpt-4o-mini-2024-07-18", "gpt-4o-mini"),
        ("gpt-4o-2024-08-06", "gpt-4o"),
        ("gpt-4o-2024-05-13", "gpt-4o"),
        ("gpt-4o-mini-x", "gpt-4o-mini"),
        ("gpt-4o-audio-preview", "gpt-4o"),
        ("gpt-4.1-nano-2025-04-14", "gpt-4.1-nano"),
        ("gpt-5-chat-latest", "gpt-5"),
        ("o3-mini-2025-01-31", "o3-mini"),
        ("o1-pro", "o1-pro"),
        ("claude-3-5-sonnet-20241022", "claude-3-5-sonnet"),
        ("claude-3-5-sonnet-latest", "claude-3-5-sonnet"),
        ("claude-3-5-haiku-latest", "claude-3-5-haiku"),
        ("claude-3-5-haiku-20241022", "claude-3-5-haiku"),
        ("claude-sonnet-4-20250514", "claude-sonnet-4"),
        ("claude-sonnet-4-5-20250929", "claude-sonnet-4-5"),
        ("claude-opus-4-1-20250805", "claude-opus-4-1"),
        ("claude-haiku-4-5-20251001", "claude-haiku-4-5"),
        ("gemini-2.0-flash-001", "gemini-2.0-flash"),
        ("gemini-2.5-flash-lite", "gemini-2.5-flash-lite"),
        ("gemini-1.5-flash-8b", "gemini-1.5-flash-8b"),
    ])
    func snapshotNamesResolveToTheirFamily(model: String, family: String) {
        #expect(table.family(for: model) == family)
    }

    @Test(arguments: [
        "gpt-4", "gpt-4o-", "gpt", "claude", "claude-opus-4-9", "claude-sonnet-4-9-20270101",
        "text-embedding-3-small", "", "-latest", "llama-3-70b",
    ])
    func unknownModelsHaveNoPriceAndNoCost(model: String) {
        #expect(table.family(for: model) == nil)
        #expect(table.price(for: model) == nil)
        #expect(table.cost(model: model, usage: BilledTokens(uncachedInput: 1, output: 1)) == nil)
    }

    @Test func aShortFamilyNeverSwallowsALongerName() {
        let price = ModelPrice(provider: "openai", inputPerMillion: .zero, outputPerMillion: .zero)
        let withGPT4 = PriceTable(version: 1, effectiveDate: "2026-01-01", prices: ["gpt-4": price])
        #expect(withGPT4.family(for: "gpt-4o") == nil)
        #expect(withGPT4.family(for: "gpt-4o-mini-2024-07-18") == nil)
        #expect(withGPT4.family(for: "gpt-4-0613") == "gpt-4")
        #expect(withGPT4.family(for: "gpt-4-turbo") == "gpt-4")
    }

    @Test func snapshotSuffixRemovalOnlyTakesRealDates() {
        #expect(PriceTable.removingSnapshotSuffix("gpt-4o-2024-08-06") == "gpt-4o")
        #expect(PriceTable.removingSnapshotSuffix("claude-3-5-sonnet-20241022") == "claude-3-5-sonnet")
        #expect(PriceTable.removingSnapshotSuffix("x-latest") == "x")
        #expect(PriceTable.removingSnapshotSuffix("x-2024-13-01") == "x-2024-13-01")
        #expect(PriceTable.removingSnapshotSuffix("x-12345678") == "x-12345678")
        #expect(PriceTable.removingSnapshotSuffix("gpt-4-0613") == "gpt-4-0613")
    }

    @Test func absurdTokenCountsGiveAnUnknownCostNotACrash() {
        let usage = BilledTokens(uncachedInput: Int.max, output: 1)
        #expect(table.cost(model: "o1-pro", usage: usage) == nil)
        #expect(table.cost(model: "gpt-4o", usage: BilledTokens(uncachedInput: -5)) == nil)
    }
}
