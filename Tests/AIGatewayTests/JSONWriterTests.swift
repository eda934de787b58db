import Testing
@testable import AIGateway

@Suite struct JSONWriterTests {
    private func minified(_ text: String, sortingKeys: Bool = false) throws -> String {
        String(decoding: JSONWriter.minified(try JSONParser.parse(Array(text.utf8)), sortingKeys: sortingKeys), as: UTF8.self)
    }

    @Test func writesMinimalText() throws {
        #expect(try minified(" { \"b\" : [ 1.0 , true , null ] ,\r\n\t\"a\" : { } } ") == #"{"b":[1,true,null],"a":{}}"#)
    }

    @Test func sortsKeysByBytesOnRequest() throws {
        #expect(try minified(#"{"b":1,"a":{"é":1,"z":2,"Z":3}}"#, sortingKeys: true) == #"{"a":{"Z":3,"z":2,"é":1},"b":1}"#)
    }

    @Test func escapesOnlyWhatMustBeEscaped() throws {
        let value = JSONValue.string(JSONString("q\"b\\s/\u{8}\u{C}\n\r\t\u{0}\u{1F}\u{7F}é\u{2028}😀"))
        let text = String(decoding: JSONWriter.minified(value), as: UTF8.self)
        #expect(text == "\"q\\\"b\\\\s/\\b\\f\\n\\r\\t\\u0000\\u001f\u{7F}é\u{2028}😀\"")
    }

    @Test func escapingIsOneFormWhateverTheInputEscapes() throws {
        #expect(try minified(#""\u0041\/\u00e9\u001F""#) == "\"A/é\\u001f\"")
    }

    @Test(arguments: [
        "plain", "", "with \"quotes\" and \\backslashes\\", "line\nbreak\ttab\r", "\u{0}\u{1}\u{1F}",
        "é e\u{301} 日本語 😀", "\u{2028}\u{2029}</script>", String(repeating: "long text ", count: 500),
    ])
    func stringsRoundTrip(_ text: String) throws {
        let bytes = JSONWriter.minified(.string(JSONString(text)))
        let back = try JSONParser.parse(bytes)
        #expect(back.jsonString?.utf8Bytes == Array(text.utf8))
    }

    @Test func documentsRoundTrip() throws {
        let text = #"{"m":[{"role":"user","content":[{"type":"text","text":"hi\n"}]}],"t":0.5,"n":null,"f":false}"#
        #expect(try minified(text) == text)
    }

    @Test func prettyPrintsWithTwoSpaces() throws {
        let value = try JSONParser.parse(Array(#"{"b":[1,{}],"a":"x","c":[]}"#.utf8))
        let expected = """
            {
              "a": "x",
              "b": [
                1,
                {}
              ],
              "c": []
            }
            """
        #expect(JSONWriter.prettyPrinted(value, sortingKeys: true) == expected)
    }
}
