import Testing
@testable import AIGateway

/// Every row of the examples table in CANONICAL.md, as key equality or inequality.
@Suite struct CanonicalExampleTests {
    static let messages = #"[{"role":"user","content":"Hello"}]"#

    private func key(
        _ body: String,
        _ provider: Provider = .openai,
        headers: [(name: String, value: String)] = [],
        scope: CacheScope = .tenant("t1")
    ) throws -> CacheKey {
        let request = try Canonicalizer.canonicalize(body: Array(body.utf8), provider: provider, headers: headers)
        return KeyDocument(request: request, scope: scope).key
    }

    private func openai(_ fields: String) -> String {
        #"{"model":"gpt-4o","messages":\#(Self.messages)\#(fields.isEmpty ? "" : ",")\#(fields)}"#
    }

    private func anthropic(_ fields: String) -> String {
        #"{"model":"claude-sonnet-4-5","max_tokens":100,"messages":\#(Self.messages)\#(fields.isEmpty ? "" : ",")\#(fields)}"#
    }

    @Test func memberOrderDoesNotMatter() throws {
        #expect(try key(#"{"model":"m","messages":\#(Self.messages)}"#) == key(#"{"messages":\#(Self.messages),"model":"m"}"#))
    }

    @Test func prettyPrintingWithCRLFDoesNotMatter() throws {
        let minified = #"{"model":"gpt-4o","messages":[{"role":"user","content":"Hello"}],"temperature":0.2}"#
        let pretty = "{\r\n  \"model\": \"gpt-4o\",\r\n  \"messages\": [\r\n    {\r\n      \"role\": \"user\",\r\n\t\t\"content\": \"Hello\"\r\n    }\r\n  ],\r\n  \"temperature\": 0.2\r\n}\r\n"
        #expect(try key(minified) == key(pretty))
    }

    @Test func numbersCompareByValue() throws {
        #expect(try key(openai(#""temperature":0.7"#)) == key(openai(#""temperature":7e-1"#)))
        #expect(try key(openai(#""temperature":0.7"#)) == key(openai(#""temperature":0.70"#)))
    }

    @Test func largeIntegersKeepEveryDigit() throws {
        #expect(try key(openai(#""seed":9007199254740993"#)) != key(openai(#""seed":9007199254740992"#)))
    }

    @Test func maxTokensIsMaxCompletionTokens() throws {
        #expect(try key(openai(#""max_tokens":100"#)) == key(openai(#""max_completion_tokens":100"#)))
        #expect(try key(openai(#""max_tokens":100"#)) != key(openai(#""max_completion_tokens":101"#)))
    }

    @Test(arguments: [Provider.openai, .anthropic])
    func contentStringIsOneTextBlock(provider: Provider) throws {
        let string = #"{"model":"m","max_tokens":5,"messages":[{"role":"user","content":"hi"}]}"#
        let blocks = #"{"model":"m","max_tokens":5,"messages":[{"role":"user","content":[{"type":"text","text":"hi"}]}]}"#
        #expect(try key(string, provider) == key(blocks, provider))
    }

    @Test(arguments: [Provider.openai, .anthropic])
    func severalBlocksAreNotMerged(provider: Provider) throws {
        let merged = #"{"model":"m","max_tokens":5,"messages":[{"role":"user","content":"ab"}]}"#
        let split = #"{"model":"m","max_tokens":5,"messages":[{"role":"user","content":[{"type":"text","text":"a"},{"type":"text","text":"b"}]}]}"#
        #expect(try key(merged, provider) != key(split, provider))
    }

    @Test func anthropicSystemStringIsOneTextBlockWithoutCacheControl() throws {
        #expect(
            try key(anthropic(#""system":"S""#), .anthropic)
                == key(anthropic(#""system":[{"type":"text","text":"S","cache_control":{"type":"ephemeral"}}]"#), .anthropic)
        )
    }

    @Test func userAndMetadataAreDropped() throws {
        #expect(try key(openai(#""user":"u1","metadata":{"a":"1"}"#)) == key(openai("")))
        #expect(try key(anthropic(#""metadata":{"user_id":"u1"}"#), .anthropic) == key(anthropic(""), .anthropic))
    }

    @Test(arguments: [Provider.openai, .anthropic])
    func defaultTemperatureAndNullAreAbsent(provider: Provider) throws {
        let body = { (fields: String) in provider == .openai ? self.openai(fields) : self.anthropic(fields) }
        let absent = try key(body(""), provider)
        #expect(try key(body(#""temperature":1"#), provider) == absent)
        #expect(try key(body(#""temperature":1.0"#), provider) == absent)
        #expect(try key(body(#""temperature":null"#), provider) == absent)
        #expect(try key(body(#""temperature":0"#), provider) != absent)
    }

    @Test(arguments: [Provider.openai, .anthropic])
    func streamFlagIsNotInTheKey(provider: Provider) throws {
        let body = { (fields: String) in provider == .openai ? self.openai(fields) : self.anthropic(fields) }
        #expect(try key(body(#""stream":false"#), provider) == key(body(#""stream":true"#), provider))
        let streaming = try Canonicalizer.canonicalize(body: Array(body(#""stream":true"#).utf8), provider: provider)
        let plain = try Canonicalizer.canonicalize(body: Array(body(#""stream":false"#).utf8), provider: provider)
        #expect(streaming.wantsStream)
        #expect(!plain.wantsStream)
    }

    @Test func toolOrderMatters() throws {
        let a = #"{"type":"function","function":{"name":"a","parameters":{"type":"object"}}}"#
        let b = #"{"type":"function","function":{"name":"b","parameters":{"type":"object"}}}"#
        #expect(try key(openai(#""tools":[\#(a),\#(b)]"#)) != key(openai(#""tools":[\#(b),\#(a)]"#)))
    }

    @Test func schemaPropertyOrderMatters() throws {
        let ab = #""tools":[{"type":"function","function":{"name":"f","parameters":{"type":"object","properties":{"a":{"type":"string"},"b":{"type":"string"}}}}}]"#
        let ba = #""tools":[{"type":"function","function":{"name":"f","parameters":{"type":"object","properties":{"b":{"type":"string"},"a":{"type":"string"}}}}}]"#
        #expect(try key(openai(ab)) != key(openai(ba)))
        let anthropicAB = #""tools":[{"name":"f","input_schema":{"type":"object","properties":{"a":{},"b":{}}}}]"#
        let anthropicBA = #""tools":[{"name":"f","input_schema":{"type":"object","properties":{"b":{},"a":{}}}}]"#
        #expect(try key(anthropic(anthropicAB), .anthropic) != key(anthropic(anthropicBA), .anthropic))
        let formatAB = #""response_format":{"type":"json_schema","json_schema":{"name":"r","schema":{"properties":{"a":{},"b":{}}}}}"#
        let formatBA = #""response_format":{"type":"json_schema","json_schema":{"name":"r","schema":{"properties":{"b":{},"a":{}}}}}"#
        #expect(try key(openai(formatAB)) != key(openai(formatBA)))
    }

    @Test func textIsExact() throws {
        let hi = try key(#"{"model":"m","messages":[{"role":"user","content":"hi"}]}"#)
        #expect(try key(#"{"model":"m","messages":[{"role":"user","content":"hi "}]}"#) != hi)
        #expect(try key(#"{"model":"m","messages":[{"role":"user","content":"Hi"}]}"#) != hi)
        #expect(try key(#"{"model":"m","messages":[{"role":"user","content":"h\u0069"}]}"#) == hi)
    }

    @Test func unicodeIsNotNormalized() throws {
        let composed = try key("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"caf\u{E9}\"}]}")
        let decomposed = try key(#"{"model":"m","messages":[{"role":"user","content":"cafe\u0301"}]}"#)
        #expect(composed != decomposed)
    }

    @Test func modelIsExact() throws {
        #expect(try key(#"{"model":"gpt-4o","messages":[]}"#) != key(#"{"model":"gpt-4o-2024-08-06","messages":[]}"#))
    }

    @Test func tenantsDoNotShareKeys() throws {
        let body = openai("")
        #expect(try key(body, scope: .tenant("t1")) != key(body, scope: .tenant("t2")))
        #expect(try key(body, scope: .shared("team")) == key(body, scope: .shared("team")))
        #expect(try key(body, scope: .shared("team")) != key(body, scope: .tenant("team")))
    }

    @Test(arguments: [Provider.openai, .anthropic])
    func unknownFieldsAreKept(provider: Provider) throws {
        let body = { (fields: String) in provider == .openai ? self.openai(fields) : self.anthropic(fields) }
        #expect(try key(body(#""foo":1"#), provider) != key(body(""), provider))
    }

    @Test func stopIsASet() throws {
        #expect(try key(openai(#""stop":"END""#)) == key(openai(#""stop":["END","END"]"#)))
        #expect(try key(openai(#""stop":["b","a"]"#)) == key(openai(#""stop":["a","b","a"]"#)))
        #expect(try key(openai(#""stop":["a"]"#)) != key(openai(#""stop":["a","b"]"#)))
        #expect(
            try key(anthropic(#""stop_sequences":["Y","X","Y"]"#), .anthropic)
                == key(anthropic(#""stop_sequences":["X","Y"]"#), .anthropic)
        )
    }

    @Test func behaviourHeadersAreInTheKey() throws {
        let body = anthropic("")
        let plain = try key(body, .anthropic)
        #expect(try key(body, .anthropic, headers: [("anthropic-beta", "X")]) != plain)
        #expect(try key(body, .anthropic, headers: [("Authorization", "Bearer secret"), ("User-Agent", "x")]) == plain)
        #expect(try key(body, .anthropic, headers: [("Anthropic-Beta", " b, a ,a")]) == key(body, .anthropic, headers: [("anthropic-beta", "a,b")]))
        #expect(
            try key(body, .anthropic, headers: [("anthropic-beta", "b"), ("anthropic-beta", "a")])
                == key(body, .anthropic, headers: [("anthropic-beta", "a,b")])
        )
        #expect(try key(body, .anthropic, headers: [("anthropic-version", "2023-06-01")]) != plain)
        #expect(try key(openai(""), headers: [("OpenAI-Beta", "assistants=v2")]) != key(openai("")))
    }
}
