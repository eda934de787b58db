import Testing
@testable import AIGateway

@Suite struct JSONParserTests {
    private func parse(_ text: String) throws(JSONParseError) -> JSONValue {
        try JSONParser.parse(Array(text.utf8))
    }

    private func parseError(_ bytes: [UInt8], limits: JSONLimits = .default) -> JSONParseError? {
        do {
            _ = try JSONParser.parse(bytes, limits: limits)
            return nil
        } catch {
            return error
        }
    }

    private func parseError(_ text: String) -> JSONParseError? {
        parseError(Array(text.utf8))
    }

    @Test func parsesEveryValueKind() throws {
        let value = try parse(#" { "a" : [ null , true , false , -1.5e2 , "x\n\u0041" , { } , [ ] ] } "#)
        let array = try #require(value["a"]?.arrayValue)
        #expect(array.count == 7)
        #expect(array[0] == .null)
        #expect(array[1] == .bool(true))
        #expect(array[2] == .bool(false))
        #expect(array[3].numberValue?.canonicalText == "-150")
        #expect(array[4].stringValue == "x\nA")
        #expect(array[5] == .object([]))
        #expect(array[6] == .array([]))
    }

    @Test func parsesScalarsAtTopLevel() throws {
        #expect(try parse("\"s\"") == .string("s"))
        #expect(try parse(" 0 ").numberValue?.isZero == true)
        #expect(try parse("null") == .null)
    }

    @Test func objectsKeepMemberOrder() throws {
        let members = try #require(try parse(#"{"b":1,"a":2,"c":3}"#).objectMembers)
        #expect(members.map(\.key.string) == ["b", "a", "c"])
    }

    @Test func trueIsNotOne() throws {
        #expect(try parse("true") != parse("1"))
    }

    @Test func decodesEscapes() throws {
        let value = try parse(#""\"\\\/\b\f\n\r\t\u00e9\ud83d\ude00""#)
        #expect(value.jsonString?.utf8Bytes == Array("\"\\/\u{8}\u{c}\n\r\té😀".utf8))
    }

    @Test func composedAndDecomposedStringsDiffer() throws {
        let composed = try parse("\"\u{E9}\"")
        let decomposed = try parse(#""e\u0301""#)
        #expect("\u{E9}" == "e\u{301}", "Swift String equality merges them; the JSON layer must not")
        #expect(composed != decomposed)
        #expect(JSONString("\u{E9}") != JSONString("e\u{301}"))
        #expect(Set([JSONString("\u{E9}"), JSONString("e\u{301}")]).count == 2)
    }

    @Test(arguments: [0, 1, 15, 16, 17, 40])
    func shortAndLongStringsCompareByBytesWhateverTheirStorage(length: Int) throws {
        let text = String(repeating: "é", count: length / 2) + String(repeating: "k", count: length % 2)
        let parsed = try #require(try parse("\"\(text)\"").jsonString)
        let escaped = try #require(try parse("\"\\u0020\(text)\"").jsonString)
        let built = JSONString(text)
        #expect(parsed == built)
        #expect(parsed.hashValue == built.hashValue)
        #expect(parsed.utf8Bytes == Array(text.utf8))
        #expect(parsed.utf8Count == text.utf8.count)
        #expect(escaped.utf8Bytes == Array((" " + text).utf8))
        #expect(length == 0 ? built < escaped : escaped < built)
        #expect(parsed.string == text)
    }

    /// The scanner and writer look at eight bytes at a time; put each kind of special byte
    /// at every position of a word, and at the tail, and check nothing is skipped.
    @Test(arguments: 0..<20)
    func specialBytesAreFoundAtEveryPosition(position: Int) throws {
        let prefix = String(repeating: "a", count: position)
        let suffix = String(repeating: "b", count: 19 - position)
        #expect(try parse("\"\(prefix)é\(suffix)\"").stringValue == "\(prefix)é\(suffix)")
        #expect(try parse("\"\(prefix)\\n\(suffix)\"").stringValue == "\(prefix)\n\(suffix)")
        #expect(try parse("\"\(prefix)\"").stringValue == prefix)
        let control = parseError(Array("\"\(prefix)".utf8) + [0x01] + Array("\(suffix)\"".utf8))
        #expect(control == JSONParseError(offset: position + 1, kind: .controlCharacterInString(0x01)))
        let invalid = parseError(Array("\"\(prefix)".utf8) + [0xFF] + Array("\(suffix)\"".utf8))
        #expect(invalid == JSONParseError(offset: position + 1, kind: .invalidUTF8))
        for special in ["\"", "\\", "\n", "\u{1}", "é", "\u{7F}"] {
            let text = prefix + special + suffix
            let written = JSONWriter.minified(.string(JSONString(text)))
            #expect(try JSONParser.parse(written).stringValue == text)
        }
    }

    @Test func stringsOrderByBytes() {
        let sorted = [JSONString("b"), JSONString("é"), JSONString("B"), JSONString("a"), JSONString("ab")].sorted()
        #expect(sorted.map(\.string) == ["B", "a", "ab", "b", "é"])
    }

    struct ErrorCase: Sendable, CustomTestStringConvertible {
        var input: String
        var offset: Int
        var kind: JSONParseError.Kind
        var testDescription: String { input }
    }

    @Test(arguments: [
        ErrorCase(input: "", offset: 0, kind: .unexpectedEnd(expected: "a value")),
        ErrorCase(input: "{\"a\":1 \"b\":2}", offset: 7, kind: .unexpectedByte(UInt8(ascii: "\""), expected: "',' or '}' after an object member")),
        ErrorCase(input: "[1,2", offset: 4, kind: .unexpectedEnd(expected: "',' or ']' after an array element")),
        ErrorCase(input: "[1,]", offset: 3, kind: .unexpectedByte(UInt8(ascii: "]"), expected: "a value")),
        ErrorCase(input: "{\"a\" 1}", offset: 5, kind: .unexpectedByte(UInt8(ascii: "1"), expected: "':' after an object key")),
        ErrorCase(input: "{1:2}", offset: 1, kind: .unexpectedByte(UInt8(ascii: "1"), expected: "a string key or '}'")),
        ErrorCase(input: "{\"a\":1,}", offset: 7, kind: .unexpectedByte(UInt8(ascii: "}"), expected: "a string key")),
        ErrorCase(input: "tru", offset: 3, kind: .unexpectedEnd(expected: "'true'")),
        ErrorCase(input: "nul!", offset: 3, kind: .unexpectedByte(UInt8(ascii: "!"), expected: "'null'")),
        ErrorCase(input: "\"abc", offset: 4, kind: .unexpectedEnd(expected: "'\"' to close the string")),
        ErrorCase(input: "\"a\\x\"", offset: 2, kind: .invalidEscape),
        ErrorCase(input: "\"\\u12G4\"", offset: 1, kind: .invalidEscape),
        ErrorCase(input: "\"a\tb\"", offset: 2, kind: .controlCharacterInString(0x09)),
        ErrorCase(input: "01", offset: 0, kind: .invalidNumber("leading zeros are not allowed")),
        ErrorCase(input: "-", offset: 1, kind: .invalidNumber("expected a digit")),
        ErrorCase(input: "1.", offset: 2, kind: .invalidNumber("expected a digit after '.'")),
        ErrorCase(input: "1e+", offset: 3, kind: .invalidNumber("expected a digit in the exponent")),
        ErrorCase(input: "1e9999999999", offset: 2, kind: .invalidNumber("exponent out of range")),
        ErrorCase(input: "+1", offset: 0, kind: .unexpectedByte(UInt8(ascii: "+"), expected: "a value")),
        ErrorCase(input: ".5", offset: 0, kind: .unexpectedByte(UInt8(ascii: "."), expected: "a value")),
        ErrorCase(input: "{} {}", offset: 3, kind: .trailingData),
        ErrorCase(input: "[1] x", offset: 4, kind: .trailingData),
        ErrorCase(input: "{\"a\":1,\"a\":2}", offset: 7, kind: .duplicateKey("a")),
        ErrorCase(input: "\"\\ud800\"", offset: 1, kind: .loneSurrogate),
        ErrorCase(input: "\"\\udc00\\ud800\"", offset: 1, kind: .loneSurrogate),
        ErrorCase(input: "\"\\ud800\\u0041\"", offset: 1, kind: .loneSurrogate),
    ])
    func reportsEveryErrorKindWithItsOffset(_ errorCase: ErrorCase) {
        let error = parseError(errorCase.input)
        #expect(error?.offset == errorCase.offset)
        #expect(error?.kind == errorCase.kind)
    }

    @Test func describesTheErrorWithItsOffset() {
        let error = parseError("{\"model\":\"m\" \"x\"}")
        #expect(error?.description == "invalid JSON at byte 13: expected ',' or '}' after an object member, found '\"'")
    }

    @Test(arguments: [
        ([0x22, 0xC0, 0xAF, 0x22], 1),  // overlong '/'
        ([0x22, 0xE0, 0x80, 0xAF, 0x22], 1),  // overlong 3-byte
        ([0x22, 0xF0, 0x80, 0x80, 0xAF, 0x22], 1),  // overlong 4-byte
        ([0x22, 0x61, 0xED, 0xA0, 0x80, 0x22], 2),  // U+D800 encoded in UTF-8
        ([0x22, 0xF4, 0x90, 0x80, 0x80, 0x22], 1),  // above U+10FFFF
        ([0x22, 0xF5, 0x80, 0x80, 0x80, 0x22], 1),  // invalid lead byte
        ([0x22, 0x80, 0x22], 1),  // lone continuation byte
        ([0x22, 0xE2, 0x82, 0x22], 1),  // truncated before the quote
        ([0x22, 0x61, 0x62, 0xE2, 0x82], 3),  // truncated at the end
        ([0x22, 0x5C, 0x6E, 0xC3, 0x28, 0x22], 3),  // bad continuation after an escape
    ] as [([UInt8], Int)])
    func rejectsInvalidUTF8AtItsOffset(bytes: [UInt8], offset: Int) {
        let error = parseError(bytes)
        #expect(error?.kind == .invalidUTF8)
        #expect(error?.offset == offset)
    }

    @Test func acceptsValidMultiByteUTF8() throws {
        let text = "\u{7F}\u{80}\u{7FF}\u{800}\u{FFFF}\u{10000}\u{10FFFF}é😀"
        #expect(try parse("\"\(text)\"").jsonString?.utf8Bytes == Array(text.utf8))
    }

    @Test func rejectsBytesAboveASCIIOutsideStrings() {
        #expect(parseError([0xEF, 0xBB, 0xBF, 0x7B, 0x7D])?.kind == .unexpectedByte(0xEF, expected: "a value"))
    }

    @Test func duplicateKeysCompareAfterUnescaping() {
        let error = parseError(#"{"ab":1,"a\u0062":2}"#)
        #expect(error?.kind == .duplicateKey("ab"))
        #expect(error?.offset == 8)
    }

    @Test func duplicateKeysAreFoundInLargeObjects() {
        var text = "{"
        for number in 0..<100 { text += "\"k\(number)\":\(number)," }
        text += "\"k42\":0}"
        #expect(parseError(text)?.kind == .duplicateKey("k42"))
    }

    @Test func sameKeyInDifferentObjectsIsNoDuplicate() throws {
        _ = try parse(#"{"a":{"a":1},"b":{"a":2}}"#)
    }

    @Test func ambiguityIsReportedButParsingContinues() throws {
        let (value, ambiguity) = try JSONParser.parseReportingAmbiguity(Array(#"{"a":"\ud800","a":2}"#.utf8))
        #expect(ambiguity?.kind == .loneSurrogate)
        #expect(value.objectMembers?.count == 2)
        #expect(value["a"]?.stringValue == "\u{FFFD}")
    }

    @Test func malformedInputWinsOverAnEarlierAmbiguity() {
        #expect(throws: JSONParseError.self) {
            _ = try JSONParser.parseReportingAmbiguity(Array(#"{"a":1,"a":2,}"#.utf8))
        }
    }

    @Test func deepNestingIsAnErrorNotACrash() {
        let depth = 1_000
        let bytes = Array(repeating: UInt8(ascii: "["), count: depth) + Array(repeating: UInt8(ascii: "]"), count: depth)
        let error = parseError(bytes)
        #expect(error?.kind == .tooDeep(limit: 128))
        #expect(error?.offset == 128)
        #expect(error?.description == "invalid JSON at byte 128: nesting deeper than 128 levels")
    }

    @Test func nestingUpToTheLimitIsAccepted() throws {
        let depth = 128
        let bytes = Array(repeating: UInt8(ascii: "["), count: depth) + Array(repeating: UInt8(ascii: "]"), count: depth)
        _ = try JSONParser.parse(bytes)
        let objects = String(repeating: "{\"a\":", count: depth) + "1" + String(repeating: "}", count: depth)
        _ = try parse(objects)
        #expect(parseError("[" + objects + "]")?.kind == .tooDeep(limit: 128))
    }

    @Test func parsingDoesNotRecurseWithARaisedLimit() throws {
        let depth = 5_000
        let bytes = Array(repeating: UInt8(ascii: "["), count: depth) + Array(repeating: UInt8(ascii: "]"), count: depth)
        let value = try JSONParser.parse(bytes, limits: JSONLimits(maxDepth: depth))
        #expect(value.arrayValue?.count == 1)
    }

    @Test func aBodyAboveAnExplicitLimitIsTooLarge() {
        var bytes = Array("{\"model\":\"m\",\"pad\":\"".utf8)
        bytes += [UInt8](repeating: UInt8(ascii: "x"), count: 50_000_000)
        bytes.append(contentsOf: "\"}".utf8)
        let error = parseError(bytes, limits: JSONLimits(maxBytes: 32 * 1024 * 1024))
        #expect(error?.kind == .tooLarge(limit: 32 * 1024 * 1024))
        #expect(error?.description == "invalid JSON at byte 33554432: document larger than 33554432 bytes")
    }

    /// The server bounds a request's size where it reads it; the parser's default adds no
    /// smaller limit that would refuse what the server accepted (a 40 MiB body under 50 MiB).
    @Test func aFortyMebibyteBodyParsesWithTheDefaultLimits() throws {
        var bytes = Array("[\"".utf8)
        bytes += [UInt8](repeating: UInt8(ascii: "y"), count: 40 * 1024 * 1024)
        bytes.append(contentsOf: "\"]".utf8)
        #expect(try JSONParser.parse(bytes)[0]?.jsonString?.utf8.count == 40 * 1024 * 1024)
    }

    @Test func aLargeBodyWithinTheLimitParses() throws {
        var bytes = Array("[\"".utf8)
        bytes += [UInt8](repeating: UInt8(ascii: "y"), count: 20_000_000)
        bytes.append(contentsOf: "\"]".utf8)
        #expect(try JSONParser.parse(bytes)[0]?.jsonString?.utf8.count == 20_000_000)
    }
}
