import Testing
@testable import AIGateway

@Suite struct ProviderInferenceTests {
    @Test(arguments: [
        (#"{"model":"claude-sonnet-4-5","messages":[]}"#, Provider.anthropic),
        (#"{"model":"gpt-4o","messages":[]}"#, .openai),
        (#"{"model":"o3-mini","messages":[]}"#, .openai),
        (#"{"model":"chatgpt-4o-latest","messages":[]}"#, .openai),
        (#"{"model":"local","system":"s","messages":[]}"#, .anthropic),
        (#"{"model":"local","messages":[{"role":"user","content":[{"type":"tool_result","tool_use_id":"x"}]}]}"#, .anthropic),
        (#"{"model":"local","messages":[{"role":"developer","content":"x"}]}"#, .openai),
        (#"{"model":"local","messages":[],"max_completion_tokens":5}"#, .openai),
        (#"{"model":"local","messages":[],"n":2}"#, .openai),
    ] as [(String, Provider)])
    func infersFromModelOrStructure(body: String, provider: Provider) {
        #expect(Provider.infer(body: Array(body.utf8)) == provider)
        #expect(Canonicalizer.inferProvider(body: Array(body.utf8)) == provider)
    }

    @Test(arguments: [#"{"model":"llama","messages":[{"role":"user","content":"hi"}]}"#, "[]", "{", ""])
    func cannotTellWithoutHints(body: String) {
        #expect(Provider.infer(body: Array(body.utf8)) == nil)
    }
}
