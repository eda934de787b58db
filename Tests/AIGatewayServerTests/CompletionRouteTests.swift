import AIGateway
import FakeProvider
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

@Suite struct ServerCompletionTests {
    @Test(arguments: Format.allCases)
    func secondIdenticalCallIsServedFromTheCache(format: Format) async throws {
        try await withGatewayServer { client, fake in
            let first = try await client.post(format, format.body())
            #expect(first.status == .ok)
            #expect(first.header("content-type") == "application/json")
            #expect(first.header("x-aigw-cache") == "miss")
            #expect(first.header("x-aigw-request-id")?.hasPrefix("aigw_") == true)
            #expect(first.header("x-aigw-cache-key")?.count == 32)
            #expect(first.header("x-aigw-saved-usd") == "0.00")
            let cost = try #require(first.header("x-aigw-cost-usd"))
            #expect(first.text.contains("echo: hello there"))

            let second = try await client.post(format, format.body())
            #expect(second.status == .ok)
            #expect(second.header("x-aigw-cache") == "hit")
            #expect(second.header("x-aigw-cache-key") == first.header("x-aigw-cache-key"))
            #expect(second.header("x-aigw-cost-usd") == "0.00")
            #expect(second.header("x-aigw-saved-usd") == cost)
            #expect(second.header("x-aigw-request-id") != first.header("x-aigw-request-id"))
            #expect(second.body == first.body)
            #expect(fake.requestCount == 1)
        }
    }

    @Test(arguments: Format.allCases)
    func streamsAreForwardedThenReplayedFromTheCache(format: Format) async throws {
        try await withGatewayServer { client, fake in
            let first = try await client.post(format, format.body(stream: true))
            #expect(first.status == .ok)
            #expect(first.header("content-type") == "text/event-stream")
            #expect(first.header("x-aigw-cache") == "miss")
            #expect(first.header("x-aigw-saved-usd") == "0.00")
            #expect(streamedText(first.events, format: format) == "echo: hello there")
            // The provider's bytes, as it sent them.
            let upstream = FakeAnswer(route: format.route, requestBody: Array(format.body(stream: true).utf8), sequence: 1)
            #expect(Array(first.body.readableBytesView) == upstream.streamBytes)

            let second = try await client.post(format, format.body(stream: true))
            #expect(second.header("x-aigw-cache") == "hit")
            #expect(second.header("x-aigw-cost-usd") == "0.00")
            #expect(streamedText(second.events, format: format) == "echo: hello there")
            #expect(fake.requestCount == 1)
        }
    }

    @Test(arguments: Format.allCases)
    func streamAndNonStreamShareAnEntry(format: Format) async throws {
        try await withGatewayServer { client, fake in
            let streamed = try await client.post(format, format.body(stream: true))
            #expect(streamed.header("x-aigw-cache") == "miss")
            let json = try await client.post(format, format.body())
            #expect(json.header("x-aigw-cache") == "hit")
            #expect(json.header("content-type") == "application/json")
            #expect(answerText(json.json, format: format) == "echo: hello there")
            #expect(fake.requestCount == 1)
        }
    }

    @Test(arguments: Format.allCases)
    func upstreamClientErrorsPassThroughWithTheirStatus(format: Format) async throws {
        try await withGatewayServer { client, fake in
            fake.enqueue(.error(status: 400, type: "invalid_request_error", message: "temperature is out of range"))
            let response = try await client.post(format, format.body())
            #expect(response.status == .badRequest)
            let error = try #require(errorObject(response, format: format))
            #expect(error["type"]?.stringValue == "invalid_request_error")
            #expect(error["message"]?.stringValue?.contains("temperature is out of range") == true)
            #expect(response.json?["request_id"]?.stringValue == response.header("x-aigw-request-id"))
            // Errors are not cached: the same call goes upstream again.
            #expect(try await client.post(format, format.body()).header("x-aigw-cache") == "miss")
            #expect(fake.requestCount == 2)
        }
    }

    /// OpenAI's error `code` reaches the client as the provider sent it (SDKs expose it, apps
    /// branch on it); Anthropic's errors have none.
    @Test(arguments: Format.allCases)
    func upstreamErrorCodesPassThrough(format: Format) async throws {
        let once = RetryPolicy(maxAttempts: 1, baseDelay: .milliseconds(10), maxDelay: .milliseconds(10),
                               deadline: .seconds(10), attemptTimeout: .seconds(5))
        try await withGatewayServer(retryPolicy: once) { client, fake in
            fake.enqueue(.rateLimited(retryAfterSeconds: 1))
            let response = try await client.post(format, format.body())
            #expect(response.status == .tooManyRequests)
            let error = try #require(errorObject(response, format: format))
            switch format {
            case .openAI: #expect(error["code"]?.stringValue == "rate_limit_exceeded")
            case .anthropic: #expect(error["type"]?.stringValue == "rate_limit_error")
            }
        }
    }

    @Test(arguments: Format.allCases)
    func brokenStreamEndsWithAnErrorEventAndIsNotCached(format: Format) async throws {
        try await withGatewayServer { client, fake in
            fake.enqueue(.resetMidStream(afterBytes: 200))
            let broken = try await client.post(format, format.body(stream: true))
            #expect(broken.status == .ok)
            let last = try #require(broken.events.last)
            let error = try JSONParser.parse(Array(last.data.utf8))
            #expect(error["error"]?["message"]?.stringValue?.isEmpty == false)
            if format == .anthropic { #expect(last.event == "error" && error["type"]?.stringValue == "error") }
            #expect(try await client.post(format, format.body(stream: true)).header("x-aigw-cache") == "miss")
            #expect(fake.requestCount == 2)
        }
    }

    @Test(arguments: Format.allCases)
    func behaviourHeadersGoUpstreamButClientKeysNever(format: Format) async throws {
        try await withGatewayServer { client, fake in
            let headers: HTTPFields = [
                .authorization: "Bearer client-secret-value",
                HTTPField.Name("x-api-key")!: "client-secret-value",
                HTTPField.Name("anthropic-version")!: "2023-06-01",
                HTTPField.Name("anthropic-beta")!: "prompt-caching-2024-07-31",
                HTTPField.Name("openai-beta")!: "assistants=v2",
            ]
            #expect(try await client.post(format, format.body(), headers: headers).status == .ok)
            let recorded = try #require(fake.requests.first)
            #expect(!recorded.headers.contains { $0.value.contains("client-secret-value") })
            switch format {
            case .openAI:
                #expect(recorded.header("authorization") == "Bearer \(providerTestKey)")
                #expect(recorded.header("openai-beta") == "assistants=v2")
                #expect(recorded.header("anthropic-beta") == nil)
            case .anthropic:
                #expect(recorded.header("x-api-key") == providerTestKey)
                #expect(recorded.header("anthropic-version") == "2023-06-01")
                #expect(recorded.header("anthropic-beta") == "prompt-caching-2024-07-31")
            }
            #expect(recorded.body == Array(format.body().utf8))
        }
    }
}

func streamedText(_ events: [ServerSentEvent], format: Format) -> String {
    events.compactMap { event -> String? in
        guard let json = try? JSONParser.parse(Array(event.data.utf8)) else { return nil }
        switch format {
        case .openAI: return json["choices"]?[0]?["delta"]?["content"]?.stringValue
        case .anthropic: return json["delta"]?["text"]?.stringValue
        }
    }.joined()
}

func answerText(_ json: JSONValue?, format: Format) -> String? {
    switch format {
    case .openAI: json?["choices"]?[0]?["message"]?["content"]?.stringValue
    case .anthropic: json?["content"]?[0]?["text"]?.stringValue
    }
}

/// The error object of an error response, checked to be in the API's own shape.
func errorObject(_ response: TestResponse, format: Format) -> JSONValue? {
    guard let json = response.json, let error = json["error"] else { return nil }
    switch format {
    case .openAI:
        guard error["message"]?.stringValue != nil, error["type"]?.stringValue != nil, error["code"] != nil else { return nil }
    case .anthropic:
        guard json["type"]?.stringValue == "error", error["type"]?.stringValue != nil, error["message"]?.stringValue != nil else { return nil }
    }
    return error
}
