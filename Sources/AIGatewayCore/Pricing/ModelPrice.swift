/// What one model family costs, in USD per million tokens of each kind.
///
/// Every price has at most six decimals (whole micro-dollars per million tokens), which makes it
/// a whole number of picodollars per token; ``cost(of:)`` is then exact.
public struct ModelPrice: Sendable, Hashable {
    /// `openai`, `anthropic`, `google`, or whatever an override file says.
    public var provider: String
    public var inputPerMillion: USD
    public var outputPerMillion: USD
    /// Price of a prompt-cache read. Nil when the table has no separate figure: such tokens are
    /// then billed at the input price, which can over-state a cost but never under-state it.
    public var cachedInputPerMillion: USD?
    /// Price of a prompt-cache write (Anthropic's 5-minute write). Nil when the provider does not
    /// surcharge cache writes (OpenAI) or the table has no figure: billed at the input price.
    public var cacheWritePerMillion: USD?

    public init(
        provider: String,
        inputPerMillion: USD,
        outputPerMillion: USD,
        cachedInputPerMillion: USD? = nil,
        cacheWritePerMillion: USD? = nil
    ) {
        self.provider = provider
        self.inputPerMillion = inputPerMillion
        self.outputPerMillion = outputPerMillion
        self.cachedInputPerMillion = cachedInputPerMillion
        self.cacheWritePerMillion = cacheWritePerMillion
    }

    /// True if every price is a whole number of micro-dollars per million tokens, i.e. a whole
    /// number of picodollars per token.
    public var isExactPerToken: Bool {
        [inputPerMillion, outputPerMillion, cachedInputPerMillion, cacheWritePerMillion].allSatisfy { price in
            guard let price else { return true }
            return price.picodollars % USD.picodollarsPerMicrodollar == 0
        }
    }

    /// The exact cost of `tokens`; nil if a count is negative, a price is not exact per token, or
    /// the amount does not fit in ``USD`` (which only absurd token counts reach).
    public func cost(of tokens: BilledTokens) -> USD? {
        let parts: [(count: Int, perMillion: USD)] = [
            (tokens.uncachedInput, inputPerMillion),
            (tokens.output, outputPerMillion),
            (tokens.cacheRead, cachedInputPerMillion ?? inputPerMillion),
            (tokens.cacheWrite, cacheWritePerMillion ?? inputPerMillion),
        ]
        var total = USD.zero
        for part in parts {
            guard part.count >= 0, part.perMillion.picodollars % USD.picodollarsPerMicrodollar == 0 else { return nil }
            // P µUSD per million tokens is P picodollars per token.
            let perToken = USD(picodollars: part.perMillion.picodollars / USD.picodollarsPerMicrodollar)
            guard let partCost = perToken.multiplied(by: Int64(part.count)),
                  let next = total.adding(partCost) else { return nil }
            total = next
        }
        return total
    }
}
