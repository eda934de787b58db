import AIGateway
import AIGatewayServer
import FakeProvider
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

@Suite struct ServerRequestErrorTests {
    @Test(arguments: Format.allCases)
    func malformedJSONIsA400NamingTheOffset(format: Format) async throws {
        try await withGatewayServer { client, fake in
            let response = try await client.post(format, #"{"model": "gpt-4o-mini", "messages": [}"#)
            #expect(response.status == .badRequest)
            let error = try #require(errorObject(response, format: format))
            #expect(error["message"]?.stringValue?.contains("at byte 38") == true)
            #expect(error["type"]?.stringValue == "invalid_request_error")
            #expect(response.header("x-aigw-request-id")?.hasPrefix("aigw_") == true)
            #expect(fake.requestCount == 0)
        }
    }

    @Test(arguments: Format.allCases)
    func unknownModelIsA404NamingIt(format: Format) async throws {
        try await withGatewayServer { client, fake in
            let response = try await client.post(format, format.body(model: "llama-3-70b"))
            #expect(response.status == .notFound)
            let error = try #require(errorObject(response, format: format))
            #expect(error["message"]?.stringValue?.contains("llama-3-70b") == true)
            #expect(fake.requestCount == 0)
        }
    }

    @Test func openAIModelOnTheAnthropicRouteIsA400NamingTheRightRoute() async throws {
        try await withGatewayServer { client, fake in
            let response = try await client.post(.anthropic, Format.anthropic.body(model: "gpt-4o-mini"))
            #expect(response.status == .badRequest)
            let error = try #require(errorObject(response, format: .anthropic))
            #expect(error["message"]?.stringValue?.contains("/v1/chat/completions") == true)
            #expect(fake.requestCount == 0)
        }
    }

    @Test(arguments: Format.allCases)
    func bodyOverTheLimitIs413(format: Format) async throws {
        try await withGatewayServer(maxRequestBytes: 64) { client, fake in
            let response = try await client.post(format, format.body(String(repeating: "long ", count: 40)))
            #expect(response.status == .contentTooLarge)
            #expect(errorObject(response, format: format) != nil)
            #expect(fake.requestCount == 0)
        }
    }

    @Test(arguments: Format.allCases)
    func unreachableUpstreamIs502(format: Format) async throws {
        let closedPort = ProviderSettings.fromEnvironment([
            "OPENAI_BASE_URL": "http://127.0.0.1:1/v1", "ANTHROPIC_BASE_URL": "http://127.0.0.1:1",
            "OPENAI_API_KEY": providerTestKey, "ANTHROPIC_API_KEY": providerTestKey,
        ])
        try await withGatewayServer(upstream: { _ in closedPort }) { client, _ in
            for stream in [false, true] {
                let response = try await client.post(format, format.body(stream: stream))
                #expect(response.status == .badGateway)
                let error = try #require(errorObject(response, format: format))
                #expect(error["message"]?.stringValue?.contains("could not be reached") == true)
            }
        }
    }

    /// Requests refused before they become calls are in the request log, with their status and
    /// reason: a 401 with no tenant (and not the key it presented), an unreadable body and an
    /// unknown model with the tenant whose key came with them. The model is recorded once the
    /// body named one, and the provider once the model was routed.
    @Test func refusedRequestsAreInTheRequestLog() async throws {
        try await withGatewayServer(keys: TrafficScript.keys) { client, fake in
            let acme: HTTPFields = [.authorization: "Bearer \(TrafficScript.key("acme"))"]
            let untranslatable = String(Format.openAI.body(model: Format.anthropic.model).dropLast()) + #", "n": 2}"#
            let refusals: [(response: TestResponse, status: Int, tenant: String, model: String, provider: String)] = [
                (try await client.post(.openAI, Format.openAI.body(), headers: [.authorization: "Bearer gw-nobody-key"]), 401, "", "", ""),
                (try await client.post(.anthropic, #"{"model": "#, headers: [HTTPField.Name("x-api-key")!: TrafficScript.key("acme")]),
                 400, "acme", "", ""),
                (try await client.post(.openAI, Format.openAI.body(model: "llama-3-70b"), headers: acme), 404, "acme", "llama-3-70b", ""),
                (try await client.post(.openAI, untranslatable, headers: acme), 400, "acme", Format.anthropic.model, "anthropic"),
                (try await client.post(.anthropic, Format.anthropic.body(model: "gpt-4o-mini"), headers: acme), 400, "acme", "gpt-4o-mini", "openai"),
                // A model name of the client's choosing is kept to 200 characters.
                (try await client.post(.openAI, Format.openAI.body(model: String(repeating: "m", count: 5_000)), headers: acme),
                 404, "acme", String(repeating: "m", count: 200), ""),
            ]
            #expect(fake.requestCount == 0)
            let admin: HTTPFields = [.authorization: "Bearer \(TrafficScript.adminKey)"]
            let records = try await failedRecords(client, headers: admin, until: { $0.count >= refusals.count })
            for refusal in refusals {
                let id = try #require(refusal.response.header("x-aigw-request-id"))
                #expect(refusal.response.status.code == refusal.status)
                let record = try #require(records.first { $0["request_id"]?.stringValue == id }, "request \(refusal.status) is logged")
                #expect(record["status"]?.numberValue?.int64Value == Int64(refusal.status))
                #expect(record["tenant"]?.stringValue == refusal.tenant)
                #expect(record["model"]?.stringValue == refusal.model)
                #expect(record["provider"]?.stringValue == refusal.provider)
                #expect(record["error"]?.stringValue?.isEmpty == false)
            }
            #expect(!records.contains { "\($0)".contains("gw-nobody-key") }, "a presented key is never logged")
        }
    }

    /// A client that leaves in the middle of its body is recorded as 499 (nginx's "client closed
    /// request"), not as a malformed body or the gateway's own failure.
    @Test(arguments: Format.allCases, [true, false])
    func aBodyCutShortByTheClientIsRecordedAs499(format: Format, servesHitsOnEventLoop: Bool) async throws {
        try await withGatewayServer(servesHitsOnEventLoop: servesHitsOnEventLoop) { client, fake in
            let port = try #require(client.port)
            let body = format.body()
            // The head (announcing the whole body) and only the body's first 20 bytes.
            let cutShort = String(RawHTTPConnection.post(format.path, body: body).dropLast(body.utf8.count - 20))
            try await RawHTTPConnection.sendAndClose(port: port, bytes: cutShort)
            let records = try await failedRecords(client, headers: [:], until: { !$0.isEmpty })
            #expect(records.count == 1)
            #expect(records.first?["status"]?.numberValue?.int64Value == 499)
            #expect(fake.requestCount == 0)
        }
    }

    /// The failed requests in the request log, polled until `condition` holds (it commits on its own).
    private func failedRecords(_ client: any TestClientProtocol, headers: HTTPFields,
                               until condition: ([JSONValue]) -> Bool) async throws -> [JSONValue] {
        try await poll({
            let page = try await client.executeRequest(uri: "/v1/gateway/logs?failed=true", method: .get, headers: headers, body: nil)
            return page.json?["data"]?.arrayValue ?? []
        }, until: condition)
    }

    @Test func unreadableMaxAgeIsA400() async throws {
        try await withGatewayServer { client, fake in
            let response = try await client.post(.openAI, Format.openAI.body(), headers: [.cacheControl: "max-age=soon"])
            #expect(response.status == .badRequest)
            #expect(fake.requestCount == 0)
        }
    }
}
