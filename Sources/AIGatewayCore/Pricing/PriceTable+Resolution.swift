extension PriceTable {
    /// The family whose price applies to `model`, or nil.
    ///
    /// 1. An exact (case-insensitive) family name wins.
    /// 2. Otherwise a trailing date (`-YYYY-MM-DD`, `-YYYYMMDD`) or `-latest` is removed and the
    ///    rest tried exactly: `gpt-4o-mini-2024-07-18` → `gpt-4o-mini`,
    ///    `claude-3-5-haiku-latest` → `claude-3-5-haiku`.
    /// 3. Otherwise the longest family that is a prefix ending at a `-` boundary wins, so
    ///    `gpt-4o-mini-x` is `gpt-4o-mini` rather than `gpt-4o`, and a `gpt-4` family never
    ///    swallows `gpt-4o`. A prefix followed by a one- or two-digit segment is *not* a match:
    ///    `claude-opus-4-9` is a newer version, not a variant, of `claude-opus-4`, and pricing it
    ///    as the old one would be a silent error where "unknown" is an honest one.
    ///
    /// A fine-tuned model (`ft:…`) has no family here: its price is its base family's fine-tuned
    /// one (``fineTunedPrices``), which ``price(for:)`` looks up.
    public func family(for model: String) -> String? {
        Self.family(for: model, among: prices)
    }

    /// The base model of an OpenAI fine-tuned model name, `ft:<base>:<org>:<suffix>:<id>`
    /// (`ft:gpt-4o-mini-2024-07-18:acme::abc123` → `gpt-4o-mini-2024-07-18`); nil for any other name.
    public static func fineTunedBase(of model: String) -> String? {
        let name = model.lowercased()
        guard name.hasPrefix("ft:") else { return nil }
        let base = name.dropFirst(3).prefix { $0 != ":" }
        return base.isEmpty ? nil : String(base)
    }

    /// The rules above, over the families of `prices`.
    static func family(for model: String, among prices: [String: ModelPrice]) -> String? {
        let name = model.lowercased()
        if prices[name] != nil { return name }
        let base = Self.removingSnapshotSuffix(name)
        if prices[base] != nil { return base }

        var best: String?
        for family in prices.keys where family.count < base.count && base.hasPrefix(family + "-") {
            let nextSegment = base.dropFirst(family.count + 1).prefix { $0 != "-" }
            if nextSegment.isEmpty || (nextSegment.count <= 2 && nextSegment.allSatisfy(\.isASCIIDigit)) { continue }
            if family.count > (best?.count ?? 0) { best = family }
        }
        return best
    }

    /// `name` without one trailing `-latest`, `-YYYY-MM-DD` or `-YYYYMMDD`.
    public static func removingSnapshotSuffix(_ name: String) -> String {
        var segments = name.split(separator: "-", omittingEmptySubsequences: false)
        guard segments.count > 1 else { return name }
        if segments.last == "latest" {
            segments.removeLast()
        } else if segments.count > 3, isDate(year: segments[segments.count - 3], month: segments[segments.count - 2], day: segments[segments.count - 1]) {
            segments.removeLast(3)
        } else if let last = segments.last, last.count == 8,
                  isDate(year: last.prefix(4), month: last.dropFirst(4).prefix(2), day: last.suffix(2)) {
            segments.removeLast()
        } else {
            return name
        }
        return segments.joined(separator: "-")
    }

    private static func isDate(year: Substring, month: Substring, day: Substring) -> Bool {
        guard year.count == 4, month.count == 2, day.count == 2,
              [year, month, day].allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }),
              let y = Int(year), let m = Int(month), let d = Int(day) else { return false }
        return y >= 2000 && (1...12).contains(m) && (1...31).contains(d)
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
