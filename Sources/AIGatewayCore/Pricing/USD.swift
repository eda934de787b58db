/// An exact amount of US dollars, held as a whole number of picodollars (10⁻¹² USD).
///
/// Why picodollars: prices are quoted in USD per million tokens with up to six decimals
/// (`$0.0375`, `$0.005`), so a price of P micro-dollars per million tokens is exactly P
/// picodollars per token, and T tokens cost exactly T × P picodollars. No division, no rounding,
/// no `Double` anywhere between the price file and a ledger total.
///
/// Range: `Int64` picodollars covers ±$9,223,372.036854775807. `+` and `-` trap on overflow,
/// as `Int` does; code that sums amounts from outside the process (ledger totals, upstream token
/// counts) should use ``adding(_:)`` or ``sum(_:)``, which report overflow as `nil` instead.
public struct USD: Sendable, Hashable, Comparable, AdditiveArithmetic {
    public static let picodollarsPerDollar: Int64 = 1_000_000_000_000
    public static let picodollarsPerMicrodollar: Int64 = 1_000_000

    public let picodollars: Int64

    public init(picodollars: Int64) {
        self.picodollars = picodollars
    }

    /// Whole micro-dollars (10⁻⁶ USD), the unit of per-token prices; nil on overflow.
    public init?(microdollars: Int64) {
        let (value, overflow) = microdollars.multipliedReportingOverflow(by: Self.picodollarsPerMicrodollar)
        guard !overflow else { return nil }
        self.init(picodollars: value)
    }

    public static let zero = USD(picodollars: 0)
    public static let max = USD(picodollars: .max)
    public static let min = USD(picodollars: .min)

    public static func + (lhs: USD, rhs: USD) -> USD {
        let (value, overflow) = lhs.picodollars.addingReportingOverflow(rhs.picodollars)
        precondition(!overflow, "USD addition overflowed; use adding(_:) for untrusted sums")
        return USD(picodollars: value)
    }

    public static func - (lhs: USD, rhs: USD) -> USD {
        let (value, overflow) = lhs.picodollars.subtractingReportingOverflow(rhs.picodollars)
        precondition(!overflow, "USD subtraction overflowed")
        return USD(picodollars: value)
    }

    public static func < (lhs: USD, rhs: USD) -> Bool {
        lhs.picodollars < rhs.picodollars
    }

    /// The sum, or nil if it does not fit.
    public func adding(_ other: USD) -> USD? {
        let (value, overflow) = picodollars.addingReportingOverflow(other.picodollars)
        return overflow ? nil : USD(picodollars: value)
    }

    /// This amount times a count (for example a per-token price times a token count), or nil if
    /// it does not fit.
    public func multiplied(by count: Int64) -> USD? {
        let (value, overflow) = picodollars.multipliedReportingOverflow(by: count)
        return overflow ? nil : USD(picodollars: value)
    }

    /// The exact total of `amounts`, or nil if any partial sum overflows.
    public static func sum(_ amounts: some Sequence<USD>) -> USD? {
        var total = USD.zero
        for amount in amounts {
            guard let next = total.adding(amount) else { return nil }
            total = next
        }
        return total
    }
}
