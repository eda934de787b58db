import Testing
@testable import AIGateway

@Suite struct ResponseJSONTests {
    @Test func objectKeyOrderAndNumberTextAreKept() throws {
        let value = try ResponseJSONParser.parse(#" { "z" : 1.50 , "a" : [ -0, 2E+3, true, false, null ] } "#)
        #expect(value.serializedText == #"{"z":1.50,"a":[-0,2E+3,true,false,null]}"#)
    }

    @Test func stringsDecodeEscapesAndSurrogatePairs() throws {
        let value = try ResponseJSONParser.parse(#""a\"b\\c\/d\n\u00e9\ud83d\ude00\ud800x""#)
        #expect(value == .string("a\"b\\c/d\né😀\u{FFFD}x"))
        #expect(value.serializedText == #""a\"b\\c/d\né😀\#u{FFFD}x""#)
    }

    @Test func controlCharactersAreEscapedOnOutput() {
        #expect(ResponseJSON.string("\u{01}\t").serializedText == #""\u0001\t""#)
    }

    @Test(arguments: [
        "", "{", "[1,]", "{\"a\":1,}", "01", "1.", "-", "1e", "tru", "\"a", "\"\u{01}\"", "{\"a\" 1}", "[1] 2", "\"\\x\"",
    ])
    func invalidJSONIsRejected(_ text: String) {
        #expect(throws: ResponseDecodingError.self) { try ResponseJSONParser.parse(text) }
    }

    @Test func deepNestingIsRejectedRatherThanOverflowingTheStack() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: ResponseDecodingError.self) { try ResponseJSONParser.parse(deep) }
    }

    @Test func lookupsTakeTheLastDuplicateAndTreatNullAsAbsent() throws {
        let value = try ResponseJSONParser.parse(#"{"a":1,"a":2,"b":null}"#)
        #expect(value["a"] == .number("2"))
        #expect(value["b"] == nil)
    }
}
