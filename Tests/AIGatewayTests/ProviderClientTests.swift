import AIGateway
import FakeProvider
import Testing

struct ProviderClientTests {
    /// A gateway fans many clients into one upstream host: concurrent calls over HTTP/1 must not
    /// queue behind the HTTP client's default of eight connections per host.
    @Test func concurrentCallsToOneHostAreNotQueuedBehindEightConnections() async throws {
        try await withFakeProvider { fake, client in
            fake.defaultReplyLatency = .seconds(1)
            try await withThrowingTaskGroup(of: Int.self) { group in
                for index in 0..<24 {
                    group.addTask { try await client.send(chatRequest(.openai, text: "call \(index)")).status }
                }
                for try await status in group { #expect(status == 200) }
            }
            #expect(fake.requestCount == 24)
            // All 24 would wait together; 8 would mean the pool's default limit was in force.
            #expect(fake.maxConcurrentRequests >= 16)
        }
    }

    @Test func openAIJSONAnswerComesBackWhole() async throws {
        try await withFakeProvider { fake, client in
            let response = try await client.send(chatRequest(.openai, text: "hello there"))
            #expect(response.status == 200)
            #expect(response.header("content-type") == "application/json")
            let summary = try ResponseSummary(openAIChatCompletion: response.body)
            #expect(summary.text == "echo: hello there")
            #expect(summary.id == "chatcmpl-fake-1")
            #expect(summary.usage?.output == 3)
            #expect(fake.requestCount == 1)
            #expect(fake.requests.first?.path == "/v1/chat/completions")
        }
    }

    @Test func anthropicJSONAnswerComesBackWhole() async throws {
        try await withFakeProvider { fake, client in
            let response = try await client.send(chatRequest(.anthropic, text: "bonjour"))
            #expect(response.status == 200)
            let summary = try ResponseSummary(anthropicMessage: response.body)
            #expect(summary.text == "echo: bonjour")
            #expect(summary.providerFinishReason == "end_turn")
            #expect(fake.requests.first?.path == "/v1/messages")
        }
    }

    @Test func openAIRequestCarriesOnlyTheBearerKey() async throws {
        try await withFakeProvider { fake, client in
            let request = chatRequest(.openai, headers: [
                (name: "OpenAI-Beta", value: "assistants=v2"),
                (name: "Authorization", value: "Bearer client-key-should-not-pass"),
                (name: "x-api-key", value: "client-key-should-not-pass"),
            ], requestId: "req-abc")
            _ = try await client.send(request)
            let recorded = try #require(fake.requests.first)
            #expect(recorded.headerValues("authorization") == ["Bearer \(secretTestKey)"])
            #expect(recorded.header("x-api-key") == nil)
            #expect(recorded.header("anthropic-version") == nil)
            #expect(recorded.header("content-type") == "application/json")
            #expect(recorded.header("accept") == "application/json")
            #expect(recorded.header("openai-beta") == "assistants=v2")
            #expect(recorded.header("x-aigw-request-id") == "req-abc")
            #expect(recorded.body == request.body)
        }
    }

    @Test func anthropicRequestCarriesApiKeyAndDefaultVersion() async throws {
        try await withFakeProvider { fake, client in
            _ = try await client.send(chatRequest(.anthropic, headers: [(name: "anthropic-beta", value: "prompt-caching-2024-07-31")]))
            let recorded = try #require(fake.requests.first)
            #expect(recorded.headerValues("x-api-key") == [secretTestKey])
            #expect(recorded.header("authorization") == nil)
            #expect(recorded.headerValues("anthropic-version") == ["2023-06-01"])
            #expect(recorded.header("anthropic-beta") == "prompt-caching-2024-07-31")
        }
    }

    @Test func anthropicVersionFromTheRequestIsKept() async throws {
        try await withFakeProvider { fake, client in
            _ = try await client.send(chatRequest(.anthropic, headers: [(name: "Anthropic-Version", value: "2024-01-01")]))
            #expect(fake.requests.first?.headerValues("anthropic-version") == ["2024-01-01"])
        }
    }

    @Test func streamRequestAsksForEventStream() async throws {
        try await withFakeProvider { fake, client in
            let stream = try await client.openStream(chatRequest(.openai, stream: true))
            for try await _ in stream {}
            #expect(fake.requests.first?.header("accept") == "text/event-stream")
        }
    }

    @Test func missingKeyFailsBeforeAnyRequest() async throws {
        try await FakeProviderServer.withServer { fake in
            try await withProviderClient(settings: fakeSettings(fake, openAIKey: nil, anthropicKey: "")) { client in
                for provider in Provider.allCases {
                    let sendError = await gatewayError { _ = try await client.send(chatRequest(provider)) }
                    #expect(sendError?.kind == .missingCredentials)
                    #expect(sendError?.provider == provider)
                    let streamError = await gatewayError { _ = try await client.openStream(chatRequest(provider, stream: true)) }
                    #expect(streamError?.kind == .missingCredentials)
                }
                #expect(fake.requestCount == 0)
            }
        }
    }

    @Test func malformedJSONWithSuccessStatusIsReturnedAsBytes() async throws {
        try await withFakeProvider { fake, client in
            fake.enqueue(.malformedJSON)
            let response = try await client.send(chatRequest(.openai))
            #expect(response.status == 200)
            #expect(String(decoding: response.body, as: UTF8.self).hasPrefix(#"{"id": "broken-1""#))
            #expect(fake.requestCount == 1)
        }
    }

    @Test func bodyLargerThanTheLimitIsAnInvalidResponse() async throws {
        try await FakeProviderServer.withServer { fake in
            fake.enqueue(.json(body: Array(repeating: UInt8(ascii: "x"), count: 10_000)))
            // The default HTTP client, HTTPClient.shared, which is never shut down.
            let client = ProviderClient(settings: fakeSettings(fake), retryPolicy: quickRetryPolicy(), maxResponseBytes: 1_000)
            let error = await gatewayError { _ = try await client.send(chatRequest(.openai)) }
            #expect(error?.kind == .invalidResponse)
            #expect(fake.requestCount == 1)
        }
    }
}
