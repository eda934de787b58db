import Foundation
import Testing
@testable import AIGateway

/// OpenAI fine-tuned models (`ft:<base>:<org>:<suffix>:<id>`): routed to OpenAI and priced at
/// the base family's fine-tuned rates, or unknown — never $0 and never the base model's price.
@Suite struct FineTunedPricingTests {
    let table: PriceTable

    init() throws {
        table = try PriceTable.shipped()
    }

    /// 1M uncached input, 1M cache reads and 1M output tokens: the sum of the three rates.
    @Test(arguments: [
        ("ft:gpt-4o-mini-2024-07-18:acme::abc123", "1.65"),        // 0.30 + 0.15 + 1.20
        ("ft:gpt-4o-2024-08-06:acme:support:9xYz", "20.625"),      // 3.75 + 1.875 + 15
        ("ft:gpt-4.1-2025-04-14:acme::a1", "15.75"),               // 3 + 0.75 + 12
        ("ft:gpt-4.1-mini-2025-04-14:acme::a1", "4.20"),           // 0.80 + 0.20 + 3.20
        ("ft:gpt-4.1-nano-2025-04-14:acme::a1", "1.05"),           // 0.20 + 0.05 + 0.80
        ("ft:gpt-3.5-turbo-0125:acme::a1", "12.00"),               // 3 + 3 (no cached rate: input) + 6
        ("FT:GPT-4O-MINI-2024-07-18:Acme::ABC", "1.65"),
    ])
    func fineTunedModelsCostTheirBaseFamilysFineTunedRates(model: String, expected: String) throws {
        let usage = BilledTokens(uncachedInput: 1_000_000, output: 1_000_000, cacheRead: 1_000_000)
        #expect(table.cost(model: model, usage: usage) == USD(parsing: expected))
    }

    @Test(arguments: ["ft:davinci-002:acme::a1", "ft:gpt-5-2025-08-07:acme::a1", "ft:", "ft::acme::a1", "ft:llama-3:x::y"])
    func aFineTunedModelWithoutAFineTunedPriceIsUnknownNotItsBasePrice(model: String) {
        #expect(table.price(for: model) == nil)
        #expect(table.cost(model: model, usage: BilledTokens(uncachedInput: 10, output: 10)) == nil)
    }

    @Test func fineTunedModelsGoToOpenAI() throws {
        let model = "ft:gpt-4o-mini-2024-07-18:acme::abc123"
        #expect(ModelRouter().provider(for: model) == .openai)
        #expect(Provider.infer(body: Array(#"{"model":"\#(model)","messages":[]}"#.utf8)) == .openai)
        #expect(PriceTable.fineTunedBase(of: model) == "gpt-4o-mini-2024-07-18")
        #expect(PriceTable.fineTunedBase(of: "gpt-4o-mini") == nil)
    }

    @Test func anOverrideFileAddsAndReplacesFineTunedPrices() throws {
        let override = try PriceTable.decode(Array(#"""
            { "format": 1, "version": 9, "effective_date": "2027-01-01", "models": {},
              "fine_tuned": { "gpt-4o-mini": { "provider": "openai", "input": "1", "output": "2" },
                              "davinci-002": { "provider": "openai", "input": "2", "output": "2" } } }
            """#.utf8), file: "override.json")
        let merged = table.merging(override)
        #expect(merged.price(for: "ft:gpt-4o-mini-2024-07-18:a::b")?.inputPerMillion == USD(parsing: "1"))
        #expect(merged.price(for: "ft:davinci-002:a::b")?.outputPerMillion == USD(parsing: "2"))
        #expect(merged.price(for: "ft:gpt-4.1-2025-04-14:a::b")?.inputPerMillion == USD(parsing: "3.00"))
    }

    @Test func theShippedTableListsDatedSnapshotsThatResolveToTheirFamily() throws {
        #expect(table.snapshots["claude-3-5-haiku"]?.contains("claude-3-5-haiku-20241022") == true)
        for (family, snapshots) in table.snapshots {
            for snapshot in snapshots { #expect(table.family(for: snapshot) == family) }
        }
    }

    @Test func aSnapshotOfAnotherFamilyIsAnErrorNamingIt() {
        #expect(throws: PriceTableError.self) {
            try PriceTable.decode(Array(#"""
                { "format": 1, "version": 1, "effective_date": "x",
                  "models": { "m-one": { "provider": "p", "input": "1", "output": "1", "snapshots": ["m-two-20240101"] } } }
                """#.utf8), file: "bad.json")
        }
        #expect(throws: PriceTableError.self) {
            try PriceTable.decode(Array(#"""
                { "format": 1, "version": 1, "effective_date": "x", "models": {},
                  "fine_tuned": { "m": { "provider": "p", "input": "abc", "output": "1" } } }
                """#.utf8), file: "bad.json")
        }
    }
}
