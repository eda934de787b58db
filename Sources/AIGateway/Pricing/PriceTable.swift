/// Prices per model family, with dated-snapshot resolution and exact costs.
///
/// The shipped table lives in `prices.json`, embedded in the binary at build time; a user
/// override file in the same format replaces or adds families by name (``load(overridePath:)``).
/// An unknown model has no price and no cost (`nil`): callers report the cost as unknown, never
/// as zero.
public struct PriceTable: Sendable, Hashable {
    /// Revision of the table; bumped whenever a price changes.
    public var version: Int
    /// The day the prices were last checked against the providers' pricing pages (`YYYY-MM-DD`).
    public var effectiveDate: String
    /// Keyed by lower-case family name, such as `gpt-4o-mini` or `claude-3-5-sonnet`.
    public private(set) var prices: [String: ModelPrice]

    public init(version: Int, effectiveDate: String, prices: [String: ModelPrice]) {
        self.version = version
        self.effectiveDate = effectiveDate
        self.prices = Dictionary(prices.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { _, last in last })
    }

    /// This table with `override`'s families replacing or adding to its own; the version and
    /// effective date become the override's, since it is the newer word on what things cost.
    public func merging(_ override: PriceTable) -> PriceTable {
        PriceTable(
            version: override.version,
            effectiveDate: override.effectiveDate,
            prices: prices.merging(override.prices, uniquingKeysWith: { _, overriding in overriding })
        )
    }

    /// The price of a model name as a provider reports it (`gpt-4o-mini-2024-07-18`), or nil if
    /// no family matches.
    public func price(for model: String) -> ModelPrice? {
        family(for: model).flatMap { prices[$0] }
    }

    /// The exact cost of one request, or nil if the model is unknown (or the token counts are
    /// absurd; see ``ModelPrice/cost(of:)``).
    public func cost(model: String, usage: BilledTokens) -> USD? {
        price(for: model)?.cost(of: usage)
    }
}
