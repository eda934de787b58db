import Testing
@testable import AIGateway

@Suite struct CanonicalizerTests {
    private func canonical(_ body: String, _ provider: Provider = .openai, headers: [(name: String, value: String)] = []) throws -> CanonicalRequest {
        try Canonicalizer.canonicalize(body: Array(body.utf8), provider: provider, headers: headers)
    }

    private func canonicalText(_ body: String, _ provider: Provider = .openai) throws -> String {
        String(decoding: try canonical(body, provider).body, as: UTF8.self)
    }

    private func error(_ body: [UInt8], _ provider: Provider = .openai, limits: JSONLimits = .default) -> CanonicalizationError? {
        do {
            _ = try Canonicalizer.canonicalize(body: body, provider: provider, limits: limits)
            return nil
        } catch {
            return error
        }
    }

    private func error(_ body: String, _ provider: Provider = .openai) -> CanonicalizationError? {
        error(Array(body.utf8), provider)
    }

    @Test func writesTheOpenAICanonicalBody() throws {
        let body = """
            {"stream":true,"model":"gpt-4o","temperature":0.70,"max_tokens":64,"n":1,"user":"u",
             "messages":[{"role":"system","content":"Be brief."},{"content":"Hi","role":"user","name":null}],
             "stop":["b","a","b"],"logit_bias":{"50256":-100,"1":5}}
            """
        let request = try canonical(body)
        #expect(request.model == "gpt-4o")
        #expect(request.endpoint == "/v1/chat/completions")
        #expect(request.wantsStream)
        #expect(String(decoding: request.body, as: UTF8.self) == #"{"logit_bias":{"1":5,"50256":-100},"max_completion_tokens":64,"messages":[{"content":[{"text":"Be brief.","type":"text"}],"role":"system"},{"content":[{"text":"Hi","type":"text"}],"role":"user"}],"model":"gpt-4o","stop":["a","b"],"temperature":0.7}"#)
    }

    @Test func writesTheAnthropicCanonicalBody() throws {
        let body = """
            {"model":"claude-sonnet-4-5","max_tokens":1024,"system":"S","metadata":{"user_id":"x"},
             "messages":[{"role":"user","content":[{"type":"text","text":"Q","cache_control":{"type":"ephemeral"}}]},
              {"role":"assistant","content":[{"type":"tool_use","id":"t1","name":"f","input":{"z":1,"cache_control":2.50,"a":null}}]},
              {"role":"user","content":[{"type":"tool_result","tool_use_id":"t1","content":"ok"}]}],
             "tools":[{"name":"f","input_schema":{"type":"object","properties":{"z":{},"cache_control":{}}},"cache_control":{"type":"ephemeral"}}]}
            """
        #expect(try canonicalText(body, .anthropic) == #"{"max_tokens":1024,"messages":[{"content":[{"text":"Q","type":"text"}],"role":"user"},{"content":[{"id":"t1","input":{"z":1,"cache_control":2.5,"a":null},"name":"f","type":"tool_use"}],"role":"assistant"},{"content":[{"content":[{"text":"ok","type":"text"}],"tool_use_id":"t1","type":"tool_result"}],"role":"user"}],"model":"claude-sonnet-4-5","system":[{"text":"S","type":"text"}],"tools":[{"input_schema":{"type":"object","properties":{"z":{},"cache_control":{}}},"name":"f"}]}"#)
    }

    @Test func toolUseInputKeyOrderIsKept() throws {
        let ab = #"{"model":"m","messages":[{"role":"assistant","content":[{"type":"tool_use","id":"1","name":"f","input":{"a":1,"b":2}}]}]}"#
        let ba = #"{"model":"m","messages":[{"role":"assistant","content":[{"type":"tool_use","id":"1","name":"f","input":{"b":2,"a":1}}]}]}"#
        #expect(try canonical(ab, .anthropic).body != canonical(ba, .anthropic).body)
    }

    @Test func toolCallArgumentsAreComparedAsStrings() throws {
        let compact = #"{"model":"m","messages":[{"role":"assistant","tool_calls":[{"id":"c","type":"function","function":{"name":"f","arguments":"{\"a\":1}"}}]}]}"#
        let spaced = #"{"model":"m","messages":[{"role":"assistant","tool_calls":[{"id":"c","type":"function","function":{"name":"f","arguments":"{\"a\": 1}"}}]}]}"#
        #expect(try canonical(compact).body != canonical(spaced).body)
    }

    @Test func openAIDefaultsDependOnTools() throws {
        let tools = #""tools":[{"type":"function","function":{"name":"f"}}]"#
        let withTools = #"{"model":"m","messages":[],\#(tools)}"#
        let withDefaults = #"{"model":"m","messages":[],\#(tools),"tool_choice":"auto","parallel_tool_calls":true,"top_p":1,"presence_penalty":0,"frequency_penalty":0.0,"logprobs":false,"n":1}"#
        #expect(try canonical(withTools).body == canonical(withDefaults).body)
        #expect(try canonical(#"{"model":"m","messages":[],"tool_choice":"none"}"#).body == canonical(#"{"model":"m","messages":[]}"#).body)
        #expect(try canonical(#"{"model":"m","messages":[],"tool_choice":"auto"}"#).body != canonical(#"{"model":"m","messages":[]}"#).body)
        #expect(try canonical(#"{"model":"m","messages":[],\#(tools),"tool_choice":"none"}"#).body != canonical(withTools).body)
    }

    @Test func openAIDropsFieldsThatDoNotChangeTheAnswer() throws {
        let plain = try canonical(#"{"model":"m","messages":[]}"#).body
        let noisy = #"{"model":"m","messages":[],"stream":true,"stream_options":{"include_usage":true},"user":"u","metadata":{"k":"v"},"store":true,"service_tier":"auto","safety_identifier":"s","prompt_cache_key":"p"}"#
        #expect(try canonical(noisy).body == plain)
    }

    @Test func contradictingMaxTokensAreNotCacheable() {
        #expect(error(#"{"model":"m","messages":[],"max_tokens":5,"max_completion_tokens":6}"#) == .notCacheable(reason: "max_tokens and max_completion_tokens disagree"))
    }

    @Test func cacheControlIsKeptForOpenAI() throws {
        let plain = #"{"model":"m","messages":[{"role":"user","content":[{"type":"text","text":"a"}]}]}"#
        let marked = #"{"model":"m","messages":[{"role":"user","content":[{"type":"text","text":"a","cache_control":{"type":"ephemeral"}}]}]}"#
        #expect(try canonical(plain).body != canonical(marked).body)
    }

    @Test func malformedJSONIsInvalidWithItsOffset() {
        guard case .invalidJSON(let parseError)? = error(#"{"model":"m" "messages":[]}"#) else {
            Issue.record("expected invalidJSON")
            return
        }
        #expect(parseError.offset == 13)
    }

    @Test func invalidUTF8IsInvalidJSON() {
        let body = Array(#"{"model":"m","messages":[{"role":"user","content":""#.utf8) + [0xC3, 0x28] + Array(#""}]}"#.utf8)
        guard case .invalidJSON(let parseError)? = error(body) else {
            Issue.record("expected invalidJSON")
            return
        }
        #expect(parseError.kind == .invalidUTF8)
        #expect(parseError.offset == 51)
    }

    @Test func duplicateKeysAreNotCacheable() {
        #expect(error(#"{"model":"a","model":"b","messages":[]}"#) == .notCacheable(reason: "duplicate object key \"model\" at byte 13"))
        #expect(error(#"{"model":"a","messages":[{"role":"user","role":"system","content":"x"}]}"#)?.isNotCacheable == true)
    }

    @Test func loneSurrogatesAreNotCacheable() {
        #expect(error(#"{"model":"a","messages":[{"role":"user","content":"\udead"}]}"#)?.isNotCacheable == true)
    }

    @Test func deepNestingIsInvalidJSON() {
        let body = #"{"model":"m","messages":[],"x":"# + String(repeating: "[", count: 1_000) + String(repeating: "]", count: 1_000) + "}"
        #expect(error(body) == .invalidJSON(JSONParseError(offset: 158, kind: .tooDeep(limit: 128))))
    }

    @Test func aBodyAboveAnExplicitLimitIsInvalidJSON() {
        var body = Array(#"{"model":"m","messages":[{"role":"user","content":""#.utf8)
        body += [UInt8](repeating: UInt8(ascii: "a"), count: 50 * 1024 * 1024)
        body += Array(#""}]}"#.utf8)
        guard case .invalidJSON(let parseError)? = error(body, limits: JSONLimits(maxBytes: 32 * 1024 * 1024)) else {
            Issue.record("expected invalidJSON")
            return
        }
        #expect(parseError.kind == .tooLarge(limit: 32 * 1024 * 1024))
    }

    @Test(arguments: [
        ("[]", "the body must be a JSON object, not array"),
        ("\"x\"", "the body must be a JSON object, not string"),
        (#"{"messages":[]}"#, "model is missing"),
        (#"{"model":5,"messages":[]}"#, "model must be a non-empty string"),
        (#"{"model":"","messages":[]}"#, "model must be a non-empty string"),
        (#"{"model":"m"}"#, "messages is missing"),
        (#"{"model":"m","messages":{}}"#, "messages must be an array, not object"),
        (#"{"model":"m","messages":["hi"]}"#, "messages[0] must be an object, not string"),
        (#"{"model":"m","messages":[],"stream":"yes"}"#, "stream must be a boolean, not string"),
    ])
    func nonRequestsAreInvalidRequests(body: String, problem: String) {
        #expect(error(body) == .invalidRequest(problem))
        #expect(error(body, .anthropic) == .invalidRequest(problem))
    }

    @Test func conflictingVersionHeadersAreNotCacheable() {
        #expect(throws: CanonicalizationError.notCacheable(reason: "header anthropic-version is given with different values")) {
            _ = try canonical(#"{"model":"m","messages":[]}"#, .anthropic, headers: [("anthropic-version", "1"), ("Anthropic-Version", "2")])
        }
    }

    @Test func keyedHeadersAreLowerCaseAndSorted() throws {
        let request = try canonical(
            #"{"model":"m","messages":[]}"#, .anthropic,
            headers: [("Anthropic-Version", " 2023-06-01 "), ("ANTHROPIC-BETA", "z,,a"), ("X-Trace", "1")]
        )
        #expect(request.headers == [KeyedHeader(name: "anthropic-beta", value: "a,z"), KeyedHeader(name: "anthropic-version", value: "2023-06-01")])
    }

    @Test func errorsDescribeThemselves() {
        #expect(CanonicalizationError.invalidRequest("model is missing").description == "invalid request: model is missing")
        #expect(CanonicalizationError.notCacheable(reason: "r").description == "not cacheable: r")
    }

    @Test func prettyBodyIsIndented() throws {
        let request = try canonical(#"{"model":"m","messages":[]}"#)
        #expect(request.prettyPrintedBody == "{\n  \"messages\": [],\n  \"model\": \"m\"\n}")
    }
}

extension CanonicalizationError {
    var isNotCacheable: Bool {
        if case .notCacheable = self { return true }
        return false
    }
}
