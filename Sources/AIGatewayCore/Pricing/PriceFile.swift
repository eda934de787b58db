/// The JSON shape of `prices.json` and of user override files.
///
/// ```json
/// { "format": 1, "version": 3, "effective_date": "2026-11-29",
///   "models": { "gpt-4o-mini": { "provider": "openai", "input": "0.15",
///                                "cached_input": "0.075", "output": "0.60" } } }
/// ```
///
/// `fine_tuned` (optional) holds OpenAI's prices for fine-tuned models, keyed by base model family
/// in the same shape; `snapshots` (optional, per family) lists the dated model names the family
/// covers, which the model lists (`GET /v1/models`) show.
///
/// Prices are decimal *strings* in USD per million tokens: a JSON number would pass through
/// `Double` on its way in, and money never does. Unknown keys are errors rather than silently
/// ignored, so a typo such as `cachd_input` cannot quietly price cache reads at the input rate.
struct PriceFile: Decodable {
    static let supportedFormat = 1

    var format: Int
    var version: Int
    var effectiveDate: String
    var models: [String: Entry]
    var fineTuned: [String: Entry]

    struct Entry: Decodable {
        var provider: String
        var input: String
        var output: String
        var cachedInput: String?
        var cacheWrite: String?
        var snapshots: [String]

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: FieldKey.self)
            try container.rejectUnknownKeys(allowed: ["provider", "input", "output", "cached_input", "cache_write", "snapshots"])
            provider = try container.decode(String.self, forKey: FieldKey("provider"))
            input = try container.decode(String.self, forKey: FieldKey("input"))
            output = try container.decode(String.self, forKey: FieldKey("output"))
            cachedInput = try container.decodeIfPresent(String.self, forKey: FieldKey("cached_input"))
            cacheWrite = try container.decodeIfPresent(String.self, forKey: FieldKey("cache_write"))
            snapshots = try container.decodeIfPresent([String].self, forKey: FieldKey("snapshots")) ?? []
        }
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: FieldKey.self)
        try container.rejectUnknownKeys(allowed: ["format", "version", "effective_date", "models", "fine_tuned", "comment"])
        format = try container.decode(Int.self, forKey: FieldKey("format"))
        version = try container.decode(Int.self, forKey: FieldKey("version"))
        effectiveDate = try container.decode(String.self, forKey: FieldKey("effective_date"))
        models = try container.decode([String: Entry].self, forKey: FieldKey("models"))
        fineTuned = try container.decodeIfPresent([String: Entry].self, forKey: FieldKey("fine_tuned")) ?? [:]
    }
}

/// Any JSON object key, so that unknown keys can be listed and rejected.
struct FieldKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }

    init(_ name: String) { stringValue = name }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

extension KeyedDecodingContainer where Key == FieldKey {
    func rejectUnknownKeys(allowed: Set<String>) throws {
        for key in allKeys where !allowed.contains(key.stringValue) {
            throw DecodingError.dataCorruptedError(
                forKey: key,
                in: self,
                debugDescription: "unknown field \"\(key.stringValue)\" (allowed: \(allowed.sorted().joined(separator: ", ")))"
            )
        }
    }
}
