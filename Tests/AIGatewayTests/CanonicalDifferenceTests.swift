import Testing
@testable import AIGateway

@Suite struct CanonicalDifferenceTests {
    private func canonical(_ body: String, _ provider: Provider = .openai, headers: [(name: String, value: String)] = []) throws -> CanonicalRequest {
        try Canonicalizer.canonicalize(body: Array(body.utf8), provider: provider, headers: headers)
    }

    private func difference(_ left: String, _ right: String) throws -> CanonicalDifference? {
        CanonicalDifference.first(between: try canonical(left), and: try canonical(right))
    }

    @Test func equivalentRequestsHaveNoDifference() throws {
        #expect(try difference(#"{"model":"m","messages":[],"temperature":1}"#, #"{ "messages" : [ ] , "model" : "m" }"#) == nil)
    }

    @Test func pointsAtTheFirstDifferingText() throws {
        let left = #"{"model":"m","messages":[{"role":"user","content":"a"},{"role":"user","content":"hi"}]}"#
        let right = #"{"model":"m","messages":[{"role":"user","content":"a"},{"role":"user","content":"Hi"}]}"#
        #expect(try difference(left, right) == CanonicalDifference(path: "messages[1].content[0].text", left: #""hi""#, right: #""Hi""#))
    }

    @Test func showsAnAbsentSide() throws {
        let difference = try difference(#"{"model":"m","messages":[]}"#, #"{"model":"m","messages":[],"temperature":0}"#)
        #expect(difference == CanonicalDifference(path: "temperature", left: "(absent)", right: "0"))
        #expect(difference?.description == "temperature:\n  - (absent)\n  + 0")
    }

    @Test func showsExtraArrayElements() throws {
        let difference = try difference(#"{"model":"m","messages":[{"role":"user","content":"a"}]}"#, #"{"model":"m","messages":[]}"#)
        #expect(difference == CanonicalDifference(path: "messages[0]", left: #"{"content":[{"text":"a","type":"text"}],"role":"user"}"#, right: "(absent)"))
    }

    @Test func reportsModelProviderAndHeaders() throws {
        let body = #"{"model":"m","messages":[]}"#
        #expect(try difference(body, #"{"model":"n","messages":[]}"#)?.path == "model")
        let openai = try canonical(body)
        let anthropic = try canonical(body, .anthropic)
        #expect(CanonicalDifference.first(between: openai, and: anthropic)?.path == "provider")
        let beta = try canonical(body, .anthropic, headers: [("anthropic-beta", "x")])
        #expect(CanonicalDifference.first(between: anthropic, and: beta) == CanonicalDifference(path: "header anthropic-beta", left: "(absent)", right: "x"))
    }

    @Test func reportsKeyOrderInsideSchemas() throws {
        let left = #"{"model":"m","messages":[],"tools":[{"type":"function","function":{"name":"f","parameters":{"a":1,"b":2}}}]}"#
        let right = #"{"model":"m","messages":[],"tools":[{"type":"function","function":{"name":"f","parameters":{"b":2,"a":1}}}]}"#
        let difference = try difference(left, right)
        #expect(difference?.path == "tools[0].function.parameters")
        #expect(difference?.isOrderOnly == true)
        #expect(difference?.left == #"{"a":1,"b":2}"#)
    }

    @Test func quotesKeysThatAreNotPlainNames() throws {
        let difference = try difference(#"{"model":"m","messages":[],"logit_bias":{"a b":1}}"#, #"{"model":"m","messages":[],"logit_bias":{"a b":2}}"#)
        #expect(difference?.path == #"logit_bias["a b"]"#)
    }
}
