@testable import AIGateway
import Testing

/// Runs `body` with a gateway over a fresh store and the given transport, then shuts it down.
func withGateway<R>(
    transport: any UpstreamTransport,
    _ body: (AIGateway) async throws -> R
) async throws -> R {
    try await withTemporaryDirectoryAsync { path in
        try await withGateway(configuration: .init(storePath: path, transport: transport), body)
    }
}

/// Runs `body` with a gateway made from `configuration`, always shut down afterwards.
func withGateway<R>(configuration: AIGateway.Configuration, _ body: (AIGateway) async throws -> R) async throws -> R {
    let gateway = try AIGateway(configuration: configuration)
    do {
        let result = try await body(gateway)
        await gateway.shutdown()
        return result
    } catch {
        await gateway.shutdown()
        throw error
    }
}

let weatherRequest = GenerateTextRequest(
    tenantId: "workspace_123", userId: "user_456", agentId: "agent_789",
    model: "gpt-4o-mini",
    messages: [.system("You are a helpful assistant."), .user("What is the weather like today?")],
    temperature: 0.7, maxTokens: 1000
)

@Suite struct GatewayCacheTests {
    @Test func secondIdenticalRequestIsServedFromTheCacheAtNoCost() async throws {
        let transport = ScriptedTransport()
        try await withGateway(transport: transport) { gateway in
            let first = try await gateway.generateText(weatherRequest)
            let second = try await gateway.generateText(weatherRequest)
            #expect(transport.callCount == 1)
            #expect(!first.cached && second.cached)
            // The sample answer used 100 prompt and 200 completion tokens of gpt-4o-mini.
            #expect(first.cost == USD(parsing: "0.000135"))
            #expect(first.costSaved == .zero)
            #expect(second.cost == .zero)
            #expect(second.costSaved == USD(parsing: "0.000135"))
            #expect(second.content == first.content)
            #expect(first.usage.promptTokens == 100 && first.usage.completionTokens == 200 && first.usage.totalTokens == 300)
            #expect(first.requestId.hasPrefix("aigw_") && first.requestId != second.requestId)
            #expect(first.provider == .openai)
            #expect(first.finishReason == "stop")
        }
    }

    @Test func fiftyConcurrentIdenticalMissesMakeOneUpstreamCall() async throws {
        let transport = ScriptedTransport(delay: .milliseconds(300))
        try await withGateway(transport: transport) { gateway in
            let responses = try await withThrowingTaskGroup(of: GenerateTextResponse.self) { group in
                for _ in 0..<50 { group.addTask { try await gateway.generateText(weatherRequest) } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(transport.callCount == 1)
            #expect(responses.count == 50)
            #expect(responses.filter { !$0.cached }.count == 1)
            #expect(Set(responses.map(\.content)).count == 1)
        }
    }

    @Test func followersOfAFailedLeaderAreReleasedNotFailed() async throws {
        let transport = ScriptedTransport(delay: .milliseconds(300))
        transport.failNext(.status(500))
        try await withGateway(transport: transport) { gateway in
            let results = await withTaskGroup(of: Result<GenerateTextResponse, any Error>.self) { group in
                for _ in 0..<10 {
                    group.addTask {
                        do { return .success(try await gateway.generateText(weatherRequest)) } catch { return .failure(error) }
                    }
                }
                return await group.reduce(into: []) { $0.append($1) }
            }
            let failures = results.filter { if case .failure = $0 { true } else { false } }
            #expect(failures.count == 1)
            #expect(transport.callCount == 2)
        }
    }

    @Test func tenantsDoNotShareEntries() async throws {
        let transport = ScriptedTransport()
        try await withGateway(transport: transport) { gateway in
            var other = weatherRequest
            other.tenantId = "workspace_999"
            _ = try await gateway.generateText(weatherRequest)
            let response = try await gateway.generateText(other)
            #expect(!response.cached)
            #expect(transport.callCount == 2)
        }
    }

    @Test func noCacheSkipsReadingAndNoStoreSkipsWriting() async throws {
        let transport = ScriptedTransport()
        try await withGateway(transport: transport) { gateway in
            var unstored = weatherRequest
            unstored.cache = CachePolicy(write: false)
            _ = try await gateway.generateText(unstored)
            #expect(try await !gateway.generateText(unstored).cached)
            _ = try await gateway.generateText(weatherRequest)
            var unread = weatherRequest
            unread.cache = CachePolicy(read: false)
            #expect(try await !gateway.generateText(unread).cached)
            #expect(try await gateway.generateText(weatherRequest).cached)
            #expect(transport.callCount == 4)
        }
    }

    @Test func noCacheIsNotAnsweredByARequestInFlight() async throws {
        let transport = ScriptedTransport(delay: .milliseconds(300))
        try await withGateway(transport: transport) { gateway in
            var fresh = weatherRequest
            fresh.cache = CachePolicy(read: false)
            async let leader = gateway.generateText(weatherRequest)
            try await Task.sleep(for: .milliseconds(50))
            async let follower = gateway.generateText(weatherRequest)
            async let uncached = gateway.generateText(fresh)
            let (first, second, third) = try await (leader, follower, uncached)
            #expect(!first.cached && second.cached && !third.cached)
            #expect(transport.callCount == 2)
        }
    }

    @Test func unknownModelFailsWithItsName() async throws {
        try await withGateway(transport: ScriptedTransport()) { gateway in
            var request = weatherRequest
            request.model = "mystery-model-7"
            let error = await #expect(throws: GatewayError.self) { try await gateway.generateText(request) }
            #expect(error?.kind == .unknownModel)
            #expect(error?.message.contains("mystery-model-7") == true)
        }
    }

    @Test func anthropicModelsGoToAnthropicWithMaxTokens() async throws {
        let transport = ScriptedTransport()
        try await withGateway(transport: transport) { gateway in
            var request = weatherRequest
            request.model = "claude-3-5-sonnet-20241022"
            request.maxTokens = nil
            let response = try await gateway.generateText(request)
            #expect(response.provider == .anthropic)
            let sent = try JSONParser.parse(try #require(transport.sentBodies.first))
            #expect(sent["max_tokens"]?.numberValue?.int64Value == 1_024)
            #expect(sent["system"]?.stringValue == "You are a helpful assistant.")
            #expect(sent["messages"]?.arrayValue?.count == 1)
        }
    }
}
