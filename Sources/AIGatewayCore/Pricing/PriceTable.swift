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
    /// OpenAI's prices for models fine-tuned from a family, keyed by that base family
    /// (`gpt-4o-mini` prices `ft:gpt-4o-mini-2024-07-18:acme::abc123`). Fine-tuned inference is
    /// billed at its own rates, not the base model's, so a base without an entry here has no
    /// fine-tuned price at all.
    public private(set) var fineTunedPrices: [String: ModelPrice]
    /// Dated model names per family, lower case (`claude-3-5-haiku` → `claude-3-5-haiku-20241022`):
    /// what the model lists show besides the family names. Each resolves to its family.
    public private(set) var snapshots: [String: [String]]

    public init(version: Int, effectiveDate: String, prices: [String: ModelPrice],
                fineTunedPrices: [String: ModelPrice] = [:], snapshots: [String: [String]] = [:]) {
        self.version = version
        self.effectiveDate = effectiveDate
        self.prices = Self.lowercasingKeys(prices)
        self.fineTunedPrices = Self.lowercasingKeys(fineTunedPrices)
        self.snapshots = Self.lowercasingKeys(snapshots).mapValues { $0.map { $0.lowercased() } }
    }

    /// This table with `override`'s families replacing or adding to its own; the version and
    /// effective date become the override's, since it is the newer word on what things cost.
    public func merging(_ override: PriceTable) -> PriceTable {
        PriceTable(
            version: override.version,
            effectiveDate: override.effectiveDate,
            prices: prices.merging(override.prices, uniquingKeysWith: { _, overriding in overriding }),
            fineTunedPrices: fineTunedPrices.merging(override.fineTunedPrices, uniquingKeysWith: { _, overriding in overriding }),
            snapshots: snapshots.merging(override.snapshots, uniquingKeysWith: { _, overriding in overriding })
        )
    }

    /// The price of a model name as a provider reports it (`gpt-4o-mini-2024-07-18`,
    /// `ft:gpt-4o-mini-2024-07-18:acme::abc123`), or nil if no family matches.
    public func price(for model: String) -> ModelPrice? {
        if let base = Self.fineTunedBase(of: model) {
            return Self.family(for: base, among: fineTunedPrices).flatMap { fineTunedPrices[$0] }
        }
        return family(for: model).flatMap { prices[$0] }
    }

    /// The exact cost of one request, or nil if the model is unknown (or the token counts are
    /// absurd; see ``ModelPrice/cost(of:)``).
    public func cost(model: String, usage: BilledTokens) -> USD? {
        price(for: model)?.cost(of: usage)
    }

    private static func lowercasingKeys<Value>(_ dictionary: [String: Value]) -> [String: Value] {
        Dictionary(dictionary.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { _, last in last })
    }
}
