import AIGateway
import AIGatewayServer
import FakeProvider
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

/// What no route serves is answered in the caller's error shape; the model lists hold what each
/// API's endpoints serve; fine-tuned models are routed and priced.
@Suite struct RoutesAndModelsTests {
    static let anthropicVersion: HTTPFields = [HTTPField.Name("anthropic-version")!: "2023-06-01"]

    @Test func anUnknownPathIsA404NamingItInTheCallersShape() async throws {
        try await withGatewayServer { client, _ in
            let openAI = try await client.executeRequest(uri: "/v1/responses", method: .post, headers: [.contentType: "application/json"],
                                                         body: ByteBuffer(string: "{}"))
            #expect(openAI.status == .notFound)
            let error = try #require(openAI.json?["error"])
            #expect(error["message"]?.stringValue?.contains("POST /v1/responses") == true)
            #expect(error["type"]?.stringValue == "invalid_request_error")
            #expect(error["code"]?.stringValue == "unknown_url")
            #expect(error["param"] == .null)
            #expect(openAI.header("x-aigw-request-id")?.hasPrefix("aigw_") == true)

            for (uri, headers) in [("/v1/messages/batches", HTTPFields()), ("/v1/files", Self.anthropicVersion)] {
                let anthropic = try await client.executeRequest(uri: uri, method: .get, headers: headers, body: nil)
                #expect(anthropic.status == .notFound)
                #expect(anthropic.json?["type"]?.stringValue == "error")
                #expect(anthropic.json?["error"]?["type"]?.stringValue == "not_found_error")
                #expect(anthropic.json?["error"]?["message"]?.stringValue?.contains(uri) == true)
            }
        }
    }

    @Test func aKnownPathWithAnotherMethodIsA405WithAllow() async throws {
        try await withGatewayServer { client, fake in
            let get = try await client.executeRequest(uri: "/v1/chat/completions", method: .get, headers: [:], body: nil)
            #expect(get.status == .methodNotAllowed)
            #expect(get.header("allow") == "POST")
            #expect(get.json?["error"]?["message"]?.stringValue?.contains("/v1/chat/completions") == true)

            let delete = try await client.executeRequest(uri: "/v1/messages", method: .delete, headers: [:], body: nil)
            #expect(delete.status == .methodNotAllowed)
            #expect(delete.json?["error"]?["type"]?.stringValue == "invalid_request_error")

            let post = try await client.executeRequest(uri: "/v1/models/gpt-4o", method: .post, headers: [.contentType: "application/json"],
                                                       body: ByteBuffer(string: "{}"))
            #expect(post.status == .methodNotAllowed)
            #expect(post.header("allow") == "GET")
            #expect(fake.requestCount == 0)
        }
    }

    @Test func anthropicsModelListHoldsOnlyClaudeWithDatedNamesAndEveryModelInfoField() async throws {
        try await withGatewayServer { client, _ in
            var ids: [String] = []
            var after: String?
            repeat {
                let query = after.map { "?limit=5&after_id=\($0)" } ?? "?limit=5"
                let page = try await client.executeRequest(uri: "/v1/models" + query, method: .get, headers: Self.anthropicVersion, body: nil)
                #expect(page.status == .ok)
                let json = try #require(page.json)
                let data = try #require(json["data"]?.arrayValue)
                for model in data {
                    for field in ["id", "type", "display_name", "created_at", "lifecycle"] {
                        #expect(model[JSONString(field)]?.stringValue?.isEmpty == false, "\(field) of \(model)")
                    }
                }
                ids += data.compactMap { $0["id"]?.stringValue }
                #expect(json["first_id"]?.stringValue == data.first?["id"]?.stringValue)
                #expect(json["last_id"]?.stringValue == data.last?["id"]?.stringValue)
                after = json["has_more"] == .bool(true) ? json["last_id"]?.stringValue : nil
            } while after != nil
            #expect(ids.count > 5, "paged")
            #expect(Set(ids).count == ids.count)
            #expect(ids.allSatisfy { $0.hasPrefix("claude-") })
            #expect(ids.contains("claude-3-5-haiku-20241022"))
            #expect(ids.contains("claude-haiku-4-5"))
        }
    }

    @Test func openAIsModelListHoldsWhatChatCompletionsServes() async throws {
        try await withGatewayServer { client, _ in
            let list = try await client.executeRequest(uri: "/v1/models", method: .get, headers: [:], body: nil)
            let data = try #require(list.json?["data"]?.arrayValue)
            let ids = data.compactMap { $0["id"]?.stringValue }
            #expect(ids.contains("gpt-4o-mini-2024-07-18"))
            #expect(ids.contains("claude-3-5-haiku-20241022"), "Claude is translated, so chat completions serve it")
            #expect(!ids.contains { $0.hasPrefix("gemini") }, "no route serves Gemini")
            #expect(data.allSatisfy { $0["object"]?.stringValue == "model" && $0["owned_by"]?.stringValue != nil })
        }
    }

    @Test func retrieveAnswersInEachShapeAndAnUnknownIdIsA404InThatShape() async throws {
        try await withGatewayServer { client, _ in
            let gpt = try await client.executeRequest(uri: "/v1/models/gpt-4o-mini", method: .get, headers: [:], body: nil)
            #expect(gpt.status == .ok)
            #expect(gpt.json?["id"]?.stringValue == "gpt-4o-mini")
            #expect(gpt.json?["object"]?.stringValue == "model")

            let fineTuned = try await client.executeRequest(uri: "/v1/models/ft:gpt-4o-mini-2024-07-18:acme::abc123", method: .get,
                                                            headers: [:], body: nil)
            #expect(fineTuned.status == .ok)
            #expect(fineTuned.json?["owned_by"]?.stringValue == "openai")

            let claude = try await client.executeRequest(uri: "/v1/models/claude-3-5-haiku-20241022", method: .get,
                                                         headers: Self.anthropicVersion, body: nil)
            #expect(claude.status == .ok)
            #expect(claude.json?["type"]?.stringValue == "model")
            #expect(claude.json?["created_at"]?.stringValue == "2024-10-22T00:00:00Z")
            #expect(claude.json?["lifecycle"]?.stringValue == "active")

            let gptAsAnthropic = try await client.executeRequest(uri: "/v1/models/gpt-4o-mini", method: .get,
                                                                 headers: Self.anthropicVersion, body: nil)
            #expect(gptAsAnthropic.status == .notFound)
            #expect(gptAsAnthropic.json?["error"]?["type"]?.stringValue == "not_found_error")

            let unknown = try await client.executeRequest(uri: "/v1/models/llama-3-70b", method: .get, headers: [:], body: nil)
            #expect(unknown.status == .notFound)
            #expect(unknown.json?["error"]?["message"]?.stringValue?.contains("llama-3-70b") == true)
        }
    }

    /// A fine-tuned model goes to OpenAI and costs its base family's fine-tuned rates
    /// (gpt-4o-mini: $0.30 in, $1.20 out per million), not the base model's ($0.15, $0.60).
    @Test func aFineTunedModelIsServedAndPricedAtItsFineTunedRates() async throws {
        try await withGatewayServer { client, fake in
            let tuned = try await client.post(.openAI, Format.openAI.body(model: "ft:gpt-4o-mini-2024-07-18:acme::abc123"))
            #expect(tuned.status == .ok)
            #expect(fake.requestCount == 1)
            let usage = try #require(tuned.json?["usage"])
            let prompt = try #require(usage["prompt_tokens"]?.numberValue?.int64Value)
            let completion = try #require(usage["completion_tokens"]?.numberValue?.int64Value)
            // P µUSD per million tokens is P picodollars per token.
            let expected = USD(picodollars: prompt * 300_000 + completion * 1_200_000)
            #expect(tuned.header("x-aigw-cost-usd").flatMap { USD(parsing: $0) } == expected)
        }
    }
}
