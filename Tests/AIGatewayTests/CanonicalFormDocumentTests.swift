import Testing
@testable import AIGateway

/// Keeps the worked example in `docs/canonical-form.md` true: if this fails, a rule or the
/// key document changed, and the key version must be bumped and the document updated.
@Suite struct CanonicalFormDocumentTests {
    static let body = """
        {
          "model": "claude-sonnet-4-5",
          "max_tokens": 256,
          "stream": true,
          "temperature": 1.0,
          "system": [{"type": "text", "text": "Be brief.", "cache_control": {"type": "ephemeral"}}],
          "messages": [{"role": "user", "content": "Caf\\u00e9 hours?"}],
          "stop_sequences": ["END", "###", "END"],
          "metadata": {"user_id": "u-1"}
        }
        """

    @Test func workedExampleMatchesTheSpec() throws {
        let request = try Canonicalizer.canonicalize(
            body: Array(Self.body.utf8),
            provider: .anthropic,
            headers: [("Anthropic-Version", "2023-06-01"), ("anthropic-beta", " b-2, a-1"), ("x-api-key", "client-secret-value")]
        )
        let canonicalBody = "{\"max_tokens\":256,\"messages\":[{\"content\":[{\"text\":\"Café hours?\",\"type\":\"text\"}],\"role\":\"user\"}],\"model\":\"claude-sonnet-4-5\",\"stop_sequences\":[\"###\",\"END\"],\"system\":[{\"text\":\"Be brief.\",\"type\":\"text\"}]}"
        #expect(String(decoding: request.body, as: UTF8.self) == canonicalBody)
        #expect(request.wantsStream)

        let document = KeyDocument(request: request, scope: .tenant("acme"))
        let expected = """
            aigw-key 1
            tenant 4
            acme
            provider 9
            anthropic
            upstream 9
            anthropic
            endpoint 12
            /v1/messages
            header 23
            anthropic-beta: a-1,b-2
            header 29
            anthropic-version: 2023-06-01
            body 202
            \(canonicalBody)

            """
        #expect(String(decoding: document.bytes, as: UTF8.self) == expected)
        #expect(!String(decoding: document.bytes, as: UTF8.self).contains("client-secret-value"))
        // `xxhsum -H2` over the document's bytes prints the same.
        #expect(document.key.hex == "678b1784348d15a4c6087f9322717750")
    }
}
