import Foundation

extension PriceTable {
    /// The table built into this binary (`Sources/AIGateway/Pricing/prices.json`).
    public static func shipped() throws(PriceTableError) -> PriceTable {
        try decode(PackageResources.prices_json, file: "prices.json (built in)")
    }

    /// The shipped table, with the families of the file at `overridePath` (same format) replacing
    /// or adding to it. Any problem with the override file is an error that names the file:
    /// a mis-typed price must not be quietly ignored.
    public static func load(overridePath: String? = nil) throws(PriceTableError) -> PriceTable {
        let shipped = try shipped()
        guard let overridePath else { return shipped }
        return shipped.merging(try decode(contentsOf: overridePath))
    }

    /// A price file from disk.
    public static func decode(contentsOf path: String) throws(PriceTableError) -> PriceTable {
        guard FileManager.default.fileExists(atPath: path) else {
            throw .unreadable(file: path, reason: "no such file")
        }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw .unreadable(file: path, reason: "\(error)")
        }
        return try decode(data, file: path)
    }

    /// A price file's bytes; `file` names it in errors.
    public static func decode(_ bytes: some Sequence<UInt8>, file: String) throws(PriceTableError) -> PriceTable {
        let parsed: PriceFile
        do {
            parsed = try JSONDecoder().decode(PriceFile.self, from: Data(bytes))
        } catch let error as DecodingError {
            throw .malformed(file: file, reason: describe(error))
        } catch {
            throw .malformed(file: file, reason: "\(error)")
        }
        guard parsed.format == PriceFile.supportedFormat else {
            throw .unsupportedFormat(file: file, format: parsed.format)
        }

        let prices = try modelPrices(parsed.models, section: nil, file: file)
        let fineTuned = try modelPrices(parsed.fineTuned, section: "fine_tuned", file: file)
        var snapshots: [String: [String]] = [:]
        for (model, entry) in parsed.models where !entry.snapshots.isEmpty {
            for snapshot in entry.snapshots where family(for: snapshot, among: prices) != model {
                throw .invalidEntry(file: file, model: model, problem: "snapshot \"\(snapshot)\" does not resolve to this family")
            }
            snapshots[model] = entry.snapshots
        }
        return PriceTable(version: parsed.version, effectiveDate: parsed.effectiveDate, prices: prices,
                          fineTunedPrices: fineTuned, snapshots: snapshots)
    }

    /// The prices of one section of a price file (`models`, or `fine_tuned` when `section` says so).
    private static func modelPrices(_ entries: [String: PriceFile.Entry], section: String?,
                                    file: String) throws(PriceTableError) -> [String: ModelPrice] {
        var prices: [String: ModelPrice] = [:]
        for (family, entry) in entries {
            let model = section.map { "\($0).\(family)" } ?? family
            guard !family.isEmpty, family == family.lowercased(), !family.contains(where: \.isWhitespace) else {
                throw .invalidEntry(file: file, model: model, problem: "family names must be lower case, without spaces")
            }
            guard !entry.provider.isEmpty else {
                throw .invalidEntry(file: file, model: model, problem: "provider is empty")
            }
            func price(_ text: String?, _ field: String) throws(PriceTableError) -> USD? {
                guard let text else { return nil }
                guard let amount = USD(parsing: text), amount >= .zero else {
                    throw .invalidEntry(file: file, model: model, problem: "\(field) \"\(text)\" is not a non-negative decimal amount such as \"0.15\"")
                }
                guard amount.picodollars % USD.picodollarsPerMicrodollar == 0 else {
                    throw .invalidEntry(file: file, model: model, problem: "\(field) \"\(text)\" has more than 6 decimals, so its per-token price would not be exact")
                }
                return amount
            }
            guard let input = try price(entry.input, "input"), let output = try price(entry.output, "output") else {
                throw .invalidEntry(file: file, model: model, problem: "input and output prices are required")
            }
            prices[family] = ModelPrice(
                provider: entry.provider,
                inputPerMillion: input,
                outputPerMillion: output,
                cachedInputPerMillion: try price(entry.cachedInput, "cached_input"),
                cacheWritePerMillion: try price(entry.cacheWrite, "cache_write")
            )
        }
        return prices
    }

    private static func describe(_ error: DecodingError) -> String {
        func at(_ context: DecodingError.Context, _ extra: (any CodingKey)? = nil) -> String {
            let path = (context.codingPath + (extra.map { [$0] } ?? [])).map(\.stringValue)
            return path.isEmpty ? "at the top level" : "at \(path.joined(separator: "."))"
        }
        switch error {
        case let .typeMismatch(type, context):
            if type == String.self {
                return "\(at(context)): expected a string (prices are decimal strings such as \"0.15\", not JSON numbers)"
            }
            return "\(at(context)): expected \(type)"
        case let .valueNotFound(type, context):
            return "\(at(context)): missing \(type) value"
        case let .keyNotFound(key, context):
            return "\(at(context, key)): required field is missing"
        case let .dataCorrupted(context):
            return "\(at(context)): \(context.debugDescription)"
        @unknown default:
            return "\(error)"
        }
    }
}
