@testable import AIGateway
import FakeProvider
import Foundation
import Testing

/// Runs `body` with a gateway whose providers are a loopback fake, both always shut down.
func withLoopbackGateway<R>(
    policy: RetryPolicy = quickRetryPolicy(),
    _ body: (AIGateway, FakeProviderServer) async throws -> R
) async throws -> R {
    try await FakeProviderServer.withServer { fake in
        try await withTemporaryDirectoryAsync { path in
            let gateway = try AIGateway(configuration: .init(storePath: path, providers: fakeSettings(fake), retryPolicy: policy))
            do {
                let result = try await body(gateway, fake)
                await gateway.shutdown()
                return result
            } catch {
                await gateway.shutdown()
                throw error
            }
        }
    }
}

/// A provider answer with exactly `prompt` input and `completion` output tokens.
func answerBody(model: String, provider: Provider, prompt: Int = 100, completion: Int = 200) -> [UInt8] {
    switch provider {
    case .openai:
        ResponseSummary(provider: .openai, id: "chatcmpl-cost", model: model, created: 1_700_000_000, text: "priced answer",
                        providerFinishReason: "stop", usage: .init(openAIPromptTokens: prompt, completionTokens: completion))
            .openAIChatCompletionBody()
    case .anthropic:
        ResponseSummary(provider: .anthropic, id: "msg_cost", model: model, text: "priced answer",
                        providerFinishReason: "end_turn", usage: .init(anthropicInputTokens: prompt, outputTokens: completion))
            .anthropicMessageBody()
    }
}

@Suite struct GatewayLoopbackTests {
    @Test(arguments: ["gpt-4o-mini", "claude-3-5-haiku-20241022"])
    func hitsNeverReachTheProvider(model: String) async throws {
        try await withLoopbackGateway { gateway, fake in
            var request = weatherRequest
            request.model = model
            let first = try await gateway.generateText(request)
            let countAfterMiss = fake.requestCount
            let second = try await gateway.generateText(request)
            let streamed = try await gateway.generateTextStream(request)
            var text = ""
            for try await piece in streamed.stream { text += piece }
            #expect(countAfterMiss == 1)
            #expect(fake.requestCount == 1)
            #expect(!first.cached && second.cached && streamed.cached)
            #expect(second.content == first.content && text == first.content)
        }
    }

    @Test func fiftyConcurrentIdenticalRequestsMakeOneUpstreamCall() async throws {
        try await withLoopbackGateway { gateway, fake in
            fake.enqueue(.slowFirstByte(delay: .milliseconds(400)))
            let responses = try await withThrowingTaskGroup(of: GenerateTextResponse.self) { group in
                for _ in 0..<50 { group.addTask { try await gateway.generateText(weatherRequest) } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(fake.requestCount == 1)
            #expect(responses.count == 50 && responses.filter { !$0.cached }.count == 1)
        }
    }

    @Test func rateLimitIsRetriedAfterTheProvidersWait() async throws {
        try await withLoopbackGateway { gateway, fake in
            fake.enqueue(.rateLimited(retryAfterSeconds: 1))
            let started = ContinuousClock.now
            let response = try await gateway.generateText(weatherRequest)
            #expect(ContinuousClock.now - started >= .milliseconds(950))
            #expect(fake.requestCount == 2)
            #expect(!response.content.isEmpty)
        }
    }

    @Test func serverErrorsAreRetriedTheConfiguredNumberOfTimes() async throws {
        try await withLoopbackGateway(policy: quickRetryPolicy(maxAttempts: 4)) { gateway, fake in
            fake.enqueue(.serverError(), .serverError(), .serverError(), .serverError())
            let error = await #expect(throws: GatewayError.self) { try await gateway.generateText(weatherRequest) }
            #expect(error?.status == 500)
            #expect(error?.attempts == 4)
            #expect(error?.requestId?.hasPrefix("aigw_") == true)
            #expect(fake.requestCount == 4)
        }
    }

    @Test func clientErrorsAreNotRetriedOrCached() async throws {
        try await withLoopbackGateway { gateway, fake in
            fake.enqueue(.error(status: 400, type: "invalid_request_error", message: "temperature is out of range"))
            let error = await #expect(throws: GatewayError.self) { try await gateway.generateText(weatherRequest) }
            #expect(error?.status == 400)
            #expect(error?.message.contains("temperature is out of range") == true)
            #expect(fake.requestCount == 1)
            let again = try await gateway.generateText(weatherRequest)
            #expect(!again.cached)
        }
    }

    @Test func malformedProviderAnswerIsAnErrorAndNotCached() async throws {
        try await withLoopbackGateway { gateway, fake in
            fake.enqueue(.malformedJSON)
            let error = await #expect(throws: GatewayError.self) { try await gateway.generateText(weatherRequest) }
            #expect(error?.kind == .invalidResponse)
            let again = try await gateway.generateText(weatherRequest)
            #expect(!again.cached)
        }
    }

    @Test(arguments: [Provider.openai, .anthropic])
    func midStreamFailureLeavesNoEntry(provider: Provider) async throws {
        try await withLoopbackGateway { gateway, fake in
            var request = weatherRequest
            request.model = provider == .openai ? "gpt-4o-mini" : "claude-3-5-haiku-20241022"
            fake.enqueue(.resetMidStream(afterBytes: 200))
            let stream = try await gateway.generateTextStream(request)
            await #expect(throws: (any Error).self) {
                for try await _ in stream.stream {}
            }
            #expect(stream.response == nil)
            #expect(try await !gateway.generateText(request).cached)
            #expect(fake.requestCount == 2)
        }
    }

    @Test(arguments: [UInt64(1), 2, 3, 4, 5])
    func streamSplitAtRandomBytesArrivesWholeAndIsStored(seed: UInt64) async throws {
        try await withLoopbackGateway { gateway, fake in
            fake.enqueue(.sse(Array(SSESamples.openAIChat.utf8), chunking: .randomSplit(seed: seed)))
            let stream = try await gateway.generateTextStream(weatherRequest)
            var text = ""
            for try await piece in stream.stream { text += piece }
            #expect(text == "Grüße 👋 How can I help you today?")
            #expect(stream.response?.cost == USD(parsing: "0.000135"))
            #expect(try await gateway.generateText(weatherRequest).content == text)
            #expect(fake.requestCount == 1)
        }
    }

    /// The seed's price table: 100 prompt + 200 completion tokens, computed by hand.
    @Test(arguments: [
        ("gpt-4o", Provider.openai, "0.0035"),
        ("gpt-4o-mini", .openai, "0.000135"),
        ("claude-3-5-sonnet-20241022", .anthropic, "0.0033"),
        ("claude-3-5-haiku-20241022", .anthropic, "0.00088"),
    ])
    func costMatchesTheHandComputedFigureAndHitsAddItToSavings(model: String, provider: Provider, expected: String) async throws {
        try await withLoopbackGateway { gateway, fake in
            let price = try #require(USD(parsing: expected))
            var request = weatherRequest
            request.model = model
            request.tenantId = "tenant_\(model)"
            fake.enqueue(.json(body: answerBody(model: model, provider: provider)))
            let miss = try await gateway.generateText(request)
            let hit = try await gateway.generateText(request)
            #expect(miss.cost == price && miss.costSaved == .zero)
            #expect(hit.cost == .zero && hit.costSaved == price)
            try gateway.ledger.flush()
            let rows = try gateway.ledger.read(filter: LedgerFilter(tenant: request.tenantId))
            let totals = try rows.aggregate(by: .tenant).total
            #expect(totals.spend == price)
            #expect(totals.saved == price)
            #expect(totals.requests == 2 && totals.hits == 1 && totals.misses == 1)
            #expect(totals.inputTokens == 100 && totals.outputTokens == 200)
        }
    }

    @Test func unknownModelPriceIsUnknownNotZero() async throws {
        try await withLoopbackGateway { gateway, fake in
            var request = weatherRequest
            request.model = "gpt-99-experimental"
            let response = try await gateway.generateText(request)
            #expect(response.cost == nil)
            let again = try await gateway.generateText(request)
            #expect(again.cost == .zero && again.costSaved == nil)
        }
    }
}
