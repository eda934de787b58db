/// A JSON number, kept as its exact decimal value.
///
/// Never converted through `Double` for the key: `9007199254740993` and `9007199254740992`
/// are one double but two seeds. Equality and hashing are by value, so `0.7`, `0.70` and
/// `7e-1` are equal, and `-0` equals `0`.
///
/// The value is `(isNegative ? -1 : 1) × significand × 10^exponent`, where `significand` is
/// the decimal digits without leading or trailing zeros (empty for zero, which is never
/// negative).
public struct JSONNumber: Sendable, Hashable, CustomStringConvertible {
    /// The number as it was written in the source document.
    public let text: String
    public let isNegative: Bool
    /// ASCII digits, no leading or trailing zeros; empty for zero.
    public let significand: String
    public let exponent: Int

    /// Exponents beyond this are refused by the parser: nothing meaningful in a request needs
    /// them, and it keeps every canonical text short and every exponent sum free of overflow.
    static let maxExponentMagnitude = 1_000_000_000

    /// Parses the text of one JSON number (RFC 8259 grammar); nil when it is not one.
    public init?(_ text: String) {
        guard case .number(let parsed)? = try? JSONParser.parse(Array(text.utf8)), parsed.text == text else {
            return nil
        }
        self = parsed
    }

    /// An integer value.
    public init<I: BinaryInteger>(_ value: I) {
        self.init(text: String(value), isNegative: value < 0, digits: Array(String(value.magnitude).utf8), pointExponent: 0)
    }

    /// Builds the normalized form from raw digits (possibly with leading and trailing zeros)
    /// whose value is `digits × 10^pointExponent`.
    init(text: String, isNegative: Bool, digits: some Collection<UInt8>, pointExponent: Int) {
        let zero = UInt8(ascii: "0")
        let leading = digits.prefix { $0 == zero }.count
        let trimmed = digits.dropFirst(leading)
        let trailing = trimmed.reversed().prefix { $0 == zero }.count
        let significant = trimmed.dropLast(trailing)
        self.text = text
        if significant.isEmpty {
            self.isNegative = false
            self.significand = ""
            self.exponent = 0
        } else {
            self.isNegative = isNegative
            self.significand = String(decoding: significant, as: UTF8.self)
            self.exponent = pointExponent + trailing
        }
    }

    public var isZero: Bool { significand.isEmpty }

    /// True when the value is a whole number.
    public var isIntegral: Bool { exponent >= 0 }

    public static func == (lhs: JSONNumber, rhs: JSONNumber) -> Bool {
        lhs.isNegative == rhs.isNegative && lhs.exponent == rhs.exponent
            && lhs.significand.utf8.elementsEqual(rhs.significand.utf8)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(isNegative)
        hasher.combine(exponent)
        for byte in significand.utf8 { hasher.combine(byte) }
    }

    public var description: String { canonicalText }

    /// The value as an `Int64`, when it is a whole number that fits.
    public var int64Value: Int64? {
        guard isIntegral else { return nil }
        if isZero { return 0 }
        var magnitude: UInt64 = 0
        for byte in significand.utf8 {
            let (times10, overflow1) = magnitude.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times10.addingReportingOverflow(UInt64(byte - UInt8(ascii: "0")))
            guard !overflow1, !overflow2 else { return nil }
            magnitude = sum
        }
        for _ in 0..<exponent {
            let (times10, overflow) = magnitude.multipliedReportingOverflow(by: 10)
            guard !overflow else { return nil }
            magnitude = times10
        }
        if isNegative {
            if magnitude == UInt64(Int64.max) + 1 { return Int64.min }
            guard magnitude <= UInt64(Int64.max) else { return nil }
            return -Int64(magnitude)
        }
        guard magnitude <= UInt64(Int64.max) else { return nil }
        return Int64(magnitude)
    }

    /// The nearest `Double`, for uses outside the cache key (display, validation). May round.
    public var doubleValue: Double {
        Double(canonicalText) ?? (isNegative ? -.infinity : .infinity)
    }
}
