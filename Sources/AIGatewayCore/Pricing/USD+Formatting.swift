extension USD: CustomStringConvertible {
    /// How an amount is cut to fewer decimals.
    public enum Rounding: Sendable, Hashable {
        /// To the nearest; an exact half goes to the even neighbour (banker's rounding), so
        /// rounding many amounts does not drift up on average. The default for reports.
        case halfEven
        /// Drops the extra digits (toward zero), so a rounded amount never exceeds the exact one.
        case towardZero
    }

    /// The exact amount with as few decimals as it needs, but at least two: `$0.000135`,
    /// `$0.0035`, `$5.00`, `-$0.01`. Nothing is rounded.
    public var description: String {
        let (scaled, digits) = shortestExact()
        return Self.render(scaled: scaled, decimals: digits)
    }

    /// The amount in units of 10^-decimals USD, with as few decimals (at least `minimumDecimals`)
    /// as keep it exact.
    fileprivate func shortestExact(minimumDecimals: Int = 2) -> (scaled: Int64, decimals: Int) {
        var digits = Self.maximumFractionDigits
        var scaled = picodollars
        while digits > minimumDecimals && scaled % 10 == 0 {
            scaled /= 10
            digits -= 1
        }
        return (scaled, digits)
    }

    /// The amount with exactly `decimals` (0 to 12) fractional digits: `formatted(decimals: 2)`
    /// of $0.000135 is `$0.00`; of $0.135 is `$0.14` half-even and `$0.13` toward zero.
    public func formatted(decimals: Int, rounding: Rounding = .halfEven) -> String {
        precondition((0...Self.maximumFractionDigits).contains(decimals), "decimals must be 0...12")
        return Self.render(scaled: rounded(toDecimals: decimals, rounding), decimals: decimals)
    }

    /// Whole micro-dollars, for reports and ledgers that store `…Micros` integers. Half-even by
    /// default: $0.0000005 is 0 µUSD, $0.0000015 is 2 µUSD; `.towardZero` truncates instead.
    public func micros(rounding: Rounding = .halfEven) -> Int64 {
        rounded(toDecimals: 6, rounding)
    }

    /// The amount in units of 10^-decimals USD.
    private func rounded(toDecimals decimals: Int, _ rounding: Rounding) -> Int64 {
        var unit: Int64 = 1
        for _ in decimals..<Self.maximumFractionDigits { unit *= 10 }
        let quotient = picodollars / unit
        let remainder = picodollars % unit
        guard rounding == .halfEven, remainder != 0 else { return quotient }
        let away: Int64 = picodollars < 0 ? -1 : 1
        let twiceRemainder = remainder.magnitude * 2
        if twiceRemainder > unit.magnitude || (twiceRemainder == unit.magnitude && quotient % 2 != 0) {
            return quotient + away
        }
        return quotient
    }

    fileprivate static func render(scaled: Int64, decimals: Int, currencySign: Bool = true) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(24)
        append(scaled: scaled, decimals: decimals, currencySign: currencySign, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `[-][$]whole[.fraction]`, the fraction zero-padded to `decimals` digits. Written as bytes:
    /// every response header and log line carries amounts.
    private static func append(scaled: Int64, decimals: Int, currencySign: Bool, to bytes: inout [UInt8]) {
        var unit: UInt64 = 1
        for _ in 0..<decimals { unit *= 10 }
        let magnitude = scaled.magnitude
        if scaled < 0 { bytes.append(UInt8(ascii: "-")) }
        if currencySign { bytes.append(UInt8(ascii: "$")) }
        DecimalDigits.append(magnitude / unit, width: 1, to: &bytes)
        guard decimals > 0 else { return }
        bytes.append(UInt8(ascii: "."))
        DecimalDigits.append(magnitude % unit, width: decimals, to: &bytes)
    }
}

extension USD {
    /// A plain decimal (`0.000135`), without the currency sign of `description`: for headers
    /// and files that carry the currency in their field name.
    /// Every response header and log line carries amounts, so this renders without the sign
    /// rather than filtering it out of `description`.
    public var plainAmount: String { plainAmount(minimumDecimals: 2) }

    /// ``plainAmount`` with at least `minimumDecimals` (2 to 12) decimals: `0.000000` for zero
    /// with six.
    public func plainAmount(minimumDecimals: Int) -> String {
        let (scaled, digits) = shortestExact(minimumDecimals: Swift.min(Swift.max(minimumDecimals, 2), Self.maximumFractionDigits))
        return Self.render(scaled: scaled, decimals: digits, currencySign: false)
    }
}
