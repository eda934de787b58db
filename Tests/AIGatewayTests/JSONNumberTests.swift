import Testing
@testable import AIGateway

@Suite struct JSONNumberTests {
    private func number(_ text: String) throws -> JSONNumber {
        try #require(JSONNumber(text), "\(text) should parse")
    }

    @Test(arguments: [
        ("0", "0"), ("-0", "0"), ("-0.0", "0"), ("0e5", "0"), ("0.000E-3", "0"),
        ("1", "1"), ("1.0", "1"), ("1e0", "1"), ("10e-1", "1"), ("0.1e1", "1"), ("1E+0", "1"),
        ("0.7", "0.7"), ("0.70", "0.7"), ("7e-1", "0.7"), ("7.0E-1", "0.7"), ("70e-2", "0.7"),
        ("-1.50", "-1.5"), ("12.5", "12.5"), ("100", "100"), ("1e2", "100"), ("1.5e3", "1500"),
        ("9007199254740993", "9007199254740993"), ("9007199254740992", "9007199254740992"),
        ("123456789012345678901", "123456789012345678901"),
        ("1e20", "100000000000000000000"), ("1e21", "1e21"), ("1234567890123456789012", "1.234567890123456789012e21"),
        ("0.000001", "0.000001"), ("1e-6", "0.000001"), ("1e-7", "1e-7"), ("1.5e-30", "1.5e-30"),
        ("0.0000015", "0.0000015"), ("-2.5E-10", "-2.5e-10"), ("1e400", "1e400"), ("00.5", ""), (" 1", ""), ("1 ", ""), ("\"1\"", ""),
    ])
    func canonicalTextIsOnePerValue(input: String, expected: String) throws {
        guard !expected.isEmpty else {
            #expect(JSONNumber(input) == nil)
            return
        }
        #expect(try number(input).canonicalText == expected)
    }

    @Test func equalValuesAreEqualAndHashAlike() throws {
        #expect(try number("0.7") == number("7e-1"))
        #expect(try number("1") == number("1.000"))
        #expect(try number("-0") == number("0"))
        #expect(try Set([number("0.7"), number("0.70"), number("7E-1")]).count == 1)
    }

    @Test func integersKeepEveryDigit() throws {
        #expect(try number("9007199254740993") != number("9007199254740992"))
        #expect(try number("12345678901234567890123456789") != number("12345678901234567890123456788"))
    }

    @Test func keepsTheOriginalText() throws {
        #expect(try number("7.0E-1").text == "7.0E-1")
    }

    @Test func int64ValueIsExactOrNil() throws {
        #expect(try number("42").int64Value == 42)
        #expect(try number("4.2e1").int64Value == 42)
        #expect(try number("-9223372036854775808").int64Value == Int64.min)
        #expect(try number("9223372036854775807").int64Value == Int64.max)
        #expect(try number("9223372036854775808").int64Value == nil)
        #expect(try number("0.5").int64Value == nil)
        #expect(try number("-0").int64Value == 0)
    }

    @Test func doubleValueIsTheNearestDouble() throws {
        #expect(try number("0.7").doubleValue == 0.7)
        #expect(try number("-1.5e-30").doubleValue == -1.5e-30)
    }

    @Test func integerInitializerMatchesParsing() throws {
        #expect(JSONNumber(-120) == (try number("-1.2e2")))
        #expect(JSONNumber(0).canonicalText == "0")
    }
}
