import Testing
@testable import AIGateway

@Suite struct PricingMoneyTests {
    @Test(arguments: [
        ("0.15", Int64(150_000_000_000)),
        ("15", 15_000_000_000_000),
        ("0.0375", 37_500_000_000),
        ("0.60", 600_000_000_000),
        ("$1.50", 1_500_000_000_000),
        ("-0.01", -10_000_000_000),
        ("-$0.01", -10_000_000_000),
        ("0", 0),
        ("000.000", 0),
        ("0.000000000001", 1),
        ("9223372.036854775807", Int64.max),
        ("-9223372.036854775808", Int64.min),
    ])
    func decimalTextParsesExactly(text: String, picodollars: Int64) {
        #expect(USD(parsing: text)?.picodollars == picodollars)
    }

    @Test(arguments: [
        "", "-", "$", ".5", "5.", "1e3", "1E-2", " 1", "1 ", "+1", "1,000", "1.2.3", "0x10", "--1",
        "0.0000000000001", "9223372.036854775808", "-9223372.036854775809", "99999999999999999999", "١", "NaN",
    ])
    func malformedOrUnrepresentableTextIsRejected(text: String) {
        #expect(USD(parsing: text) == nil)
    }

    @Test(arguments: [
        (Int64(135_000_000), "$0.000135"),
        (3_500_000_000, "$0.0035"),
        (5_000_000_000_000, "$5.00"),
        (880_000_000, "$0.00088"),
        (0, "$0.00"),
        (1, "$0.000000000001"),
        (-10_000_000_000, "-$0.01"),
        (12_345_670_000_000_000, "$12345.67"),
    ])
    func descriptionIsExactWithAtLeastTwoDecimals(picodollars: Int64, text: String) {
        #expect(USD(picodollars: picodollars).description == text)
    }

    @Test func descriptionParsesBackToTheSameAmount() {
        for picodollars: Int64 in [0, 1, 135_000_000, -10_000_000_000, .max, .min + 1, 987_654_321_012_345] {
            let amount = USD(picodollars: picodollars)
            #expect(USD(parsing: amount.description) == amount)
        }
    }

    @Test func fixedDecimalsRoundHalfEvenOrTowardZero() throws {
        let amount = { (text: String) in USD(parsing: text)! }
        #expect(amount("0.125").formatted(decimals: 2) == "$0.12")
        #expect(amount("0.135").formatted(decimals: 2) == "$0.14")
        #expect(amount("0.1251").formatted(decimals: 2) == "$0.13")
        #expect(amount("-0.125").formatted(decimals: 2) == "-$0.12")
        #expect(amount("-0.135").formatted(decimals: 2) == "-$0.14")
        #expect(amount("0.139").formatted(decimals: 2, rounding: .towardZero) == "$0.13")
        #expect(amount("-0.139").formatted(decimals: 2, rounding: .towardZero) == "-$0.13")
        #expect(amount("0.000135").formatted(decimals: 2) == "$0.00")
        #expect(amount("0.000135").formatted(decimals: 6) == "$0.000135")
        #expect(amount("2.5").formatted(decimals: 0) == "$2")
        #expect(amount("3.5").formatted(decimals: 0) == "$4")
        #expect(amount("-0.001").formatted(decimals: 2) == "$0.00")
    }

    @Test func microsRoundHalfEvenByDefault() {
        let amount = { (text: String) in USD(parsing: text)! }
        #expect(amount("0.0000005").micros() == 0)
        #expect(amount("0.0000015").micros() == 2)
        #expect(amount("0.0000025").micros() == 2)
        #expect(amount("0.00000251").micros() == 3)
        #expect(amount("-0.0000015").micros() == -2)
        #expect(amount("0.0000019").micros(rounding: .towardZero) == 1)
        #expect(amount("0.000135").micros() == 135)
        #expect(amount("1.5").micros() == 1_500_000)
    }

    @Test func checkedArithmeticReportsOverflowInsteadOfTrapping() {
        #expect(USD.max.adding(USD(picodollars: 1)) == nil)
        #expect(USD.min.adding(USD(picodollars: -1)) == nil)
        #expect(USD(picodollars: 2).adding(USD(picodollars: 3)) == USD(picodollars: 5))
        #expect(USD(picodollars: .max / 2 + 1).multiplied(by: 2) == nil)
        #expect(USD.sum([USD.max, USD(picodollars: 1)]) == nil)
        #expect(USD.sum([USD(picodollars: 1), USD(picodollars: 2)]) == USD(picodollars: 3))
        #expect(USD(microdollars: .max) == nil)
        #expect(USD(microdollars: 135) == USD(parsing: "0.000135"))
    }

    @Test func summingAMillionSmallCostsIsExact() throws {
        let table = try PriceTable.shipped()
        // One cached token on gpt-4.1-nano: $0.025 per million, i.e. $0.000000025.
        let tiny = try #require(table.cost(model: "gpt-4.1-nano", usage: BilledTokens(cacheRead: 1)))
        #expect(tiny.description == "$0.000000025")
        let total = try #require(USD.sum(repeatElement(tiny, count: 1_000_000)))
        #expect(total == USD(parsing: "0.025"))
        #expect(total.description == "$0.025")

        // The same sum in Double drifts, which is why money never goes through it.
        var floating = 0.0
        for _ in 0..<1_000_000 { floating += 0.000000025 }
        #expect(floating != 0.025)
    }

    @Test func orderingAndArithmeticFollowPicodollars() {
        let small = USD(parsing: "0.0001")!
        let large = USD(parsing: "0.01")!
        #expect(small < large)
        #expect(large - small == USD(parsing: "0.0099"))
        #expect(small + large == USD(parsing: "0.0101"))
        #expect(USD.zero == USD(parsing: "0"))
    }
}
