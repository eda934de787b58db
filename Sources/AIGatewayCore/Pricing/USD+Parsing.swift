extension USD {
    /// The most fractional digits an amount can carry: picodollars are 10⁻¹² USD.
    public static let maximumFractionDigits = 12

    /// Parses decimal text such as `"0.15"`, `"15"`, `"0.0375"`, `"$1.50"` or `"-0.01"`.
    ///
    /// The digits are read directly into picodollars, never through `Double`, so every accepted
    /// text is represented exactly. Returns nil for anything else: an empty string, a missing
    /// digit on either side of the point (`".5"`, `"5."`), exponents, grouping separators,
    /// whitespace, more than 12 fractional digits (which could only be kept by rounding), or a
    /// value outside the range of ``USD``.
    public init?(parsing text: some StringProtocol) {
        var bytes = Substring(text).utf8[...]
        var negative = false
        if bytes.first == UInt8(ascii: "-") {
            negative = true
            bytes = bytes.dropFirst()
        }
        if bytes.first == UInt8(ascii: "$") {
            bytes = bytes.dropFirst()
        }
        let integerDigits = bytes.prefix { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
        guard !integerDigits.isEmpty else { return nil }
        var rest = bytes.dropFirst(integerDigits.count)
        var fractionDigits = rest.prefix(0)
        if rest.first == UInt8(ascii: ".") {
            rest = rest.dropFirst()
            fractionDigits = rest.prefix { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
            guard !fractionDigits.isEmpty, fractionDigits.count <= Self.maximumFractionDigits else { return nil }
            rest = rest.dropFirst(fractionDigits.count)
        }
        guard rest.isEmpty else { return nil }

        // Accumulate the magnitude as a negative number so that USD.min parses too.
        var value: Int64 = 0
        for digit in integerDigits {
            guard let next = Self.appendingDigit(digit, to: value) else { return nil }
            value = next
        }
        for digit in fractionDigits {
            guard let next = Self.appendingDigit(digit, to: value) else { return nil }
            value = next
        }
        for _ in fractionDigits.count..<Self.maximumFractionDigits {
            let (scaled, overflow) = value.multipliedReportingOverflow(by: 10)
            guard !overflow else { return nil }
            value = scaled
        }
        if negative {
            self.init(picodollars: value)
        } else {
            guard value != .min else { return nil }
            self.init(picodollars: -value)
        }
    }

    private static func appendingDigit(_ digit: UInt8, to negativeValue: Int64) -> Int64? {
        let (scaled, overflow1) = negativeValue.multipliedReportingOverflow(by: 10)
        let (next, overflow2) = scaled.subtractingReportingOverflow(Int64(digit - UInt8(ascii: "0")))
        return overflow1 || overflow2 ? nil : next
    }
}
