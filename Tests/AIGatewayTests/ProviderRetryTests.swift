import AIGateway
import FakeProvider
import Testing

struct ProviderRetryTests {
    @Test func rateLimitIsRetriedAfterTheRetryAfterWait() async throws {
        let sleeps = RecordedSleeps()
        var policy = quickRetryPolicy()
        policy.sleep = sleeps.policySleep
        try await withFakeProvider(policy: policy) { fake, client in
            fake.enqueue(.rateLimited(retryAfterSeconds: 1))
            let clock = ContinuousClock()
            let start = clock.now
            let response = try await client.send(chatRequest(.anthropic))
            #expect(response.status == 200)
            #expect(clock.now - start >= .seconds(1))
            #expect(sleeps.waits == [.seconds(1)])
            #expect(fake.requestCount == 2)
        }
    }

    @Test func retryAfterMillisecondsIsHonoured() async throws {
        let sleeps = RecordedSleeps()
        var policy = quickRetryPolicy()
        policy.sleep = sleeps.policySleep
        try await withFakeProvider(policy: policy) { fake, client in
            fake.enqueue(.retryAfterMs(200), for: .openAIChat)
            let clock = ContinuousClock()
            let start = clock.now
            _ = try await client.send(chatRequest(.openai))
            #expect(clock.now - start >= .milliseconds(200))
            #expect(sleeps.waits == [.milliseconds(200)])
            #expect(fake.requestCount == 2)
        }
    }

    @Test func retryAfterBeyondTheDeadlineFailsAtOnceWithTheRateLimit() async throws {
        try await withFakeProvider(policy: quickRetryPolicy(deadline: .seconds(2))) { fake, client in
            fake.enqueue(.rateLimited(retryAfterSeconds: 30))
            let clock = ContinuousClock()
            let start = clock.now
            let error = await gatewayError { _ = try await client.send(chatRequest(.openai)) }
            // Far below the 30 s asked for, with room for a loaded machine.
            #expect(clock.now - start < .seconds(5))
            #expect(error?.kind == .upstreamStatus(429))
            #expect(error?.retryAfter == .seconds(30))
            #expect(error?.providerErrorType == "requests")
            #expect(fake.requestCount == 1)
        }
    }

    @Test func serverErrorsAreRetriedUpToMaxAttemptsThenReported() async throws {
        try await withFakeProvider { fake, client in
            fake.enqueue(.serverError(), .serverError(), .serverError(), .serverError())
            let error = await gatewayError { _ = try await client.send(chatRequest(.anthropic, requestId: "req-500")) }
            #expect(error?.kind == .upstreamStatus(500))
            #expect(error?.status == 500)
            #expect(error?.provider == .anthropic)
            #expect(error?.providerErrorType == "api_error")
            #expect(error?.message == "Internal server error")
            #expect(error?.requestId == "req-500")
            #expect(error?.attempts == 3)
            #expect(fake.requestCount == 3)
        }
    }

    @Test func badRequestIsNeverRetried() async throws {
        try await withFakeProvider { fake, client in
            fake.enqueue(.error(status: 400, type: "invalid_request_error", message: "messages: field required"))
            let error = await gatewayError { _ = try await client.send(chatRequest(.openai)) }
            #expect(error?.kind == .upstreamStatus(400))
            #expect(error?.message == "messages: field required")
            #expect(error?.providerErrorType == "invalid_request_error")
            #expect(error?.attempts == 1)
            #expect(fake.requestCount == 1)
        }
    }

    @Test func nonJSONErrorBodyBecomesASnippet() async throws {
        try await withFakeProvider(policy: .noRetries) { fake, client in
            fake.enqueue(.json(status: 502, body: Array("<html><body>Bad Gateway</body></html>".utf8)))
            let error = await gatewayError { _ = try await client.send(chatRequest(.openai)) }
            #expect(error?.kind == .upstreamStatus(502))
            #expect(error?.message == "<html><body>Bad Gateway</body></html>")
        }
    }

    @Test func refusedConnectionIsUnreachableAfterRetries() async throws {
        let fake = try await FakeProviderServer.start()
        let settings = fakeSettings(fake)
        await fake.shutdown()
        try await withProviderClient(settings: settings) { client in
            let error = await gatewayError { _ = try await client.send(chatRequest(.openai)) }
            #expect(error?.kind == .unreachable)
            #expect(error?.attempts == 3)
            let streamError = await gatewayError { _ = try await client.openStream(chatRequest(.anthropic, stream: true)) }
            #expect(streamError?.kind == .unreachable)
        }
    }

    @Test func slowHeadBeyondTheAttemptTimeoutTimesOut() async throws {
        // A second each: with 300 ms, a loaded machine (a build alongside) once timed the second
        // attempt out before its new connection had delivered the request.
        try await withFakeProvider(policy: quickRetryPolicy(maxAttempts: 2, attemptTimeout: .seconds(1))) { fake, client in
            fake.enqueue(.slowFirstByte(delay: .seconds(4)), .slowFirstByte(delay: .seconds(4)))
            let error = await gatewayError { _ = try await client.send(chatRequest(.openai)) }
            #expect(error?.kind == .timeout)
            #expect(error?.attempts == 2)
            #expect(fake.requestCount == 2)
        }
    }

    @Test func slowHeadWithinRetriesSucceeds() async throws {
        // The timeout leaves the quick second attempt room on a loaded 2-core machine.
        try await withFakeProvider(policy: quickRetryPolicy(attemptTimeout: .seconds(1))) { fake, client in
            fake.enqueue(.slowFirstByte(delay: .seconds(4)))
            let response = try await client.send(chatRequest(.openai))
            #expect(response.status == 200)
            #expect(fake.requestCount == 2)
        }
    }

    @Test func overallDeadlineEndsTheCall() async throws {
        try await withFakeProvider(policy: quickRetryPolicy(deadline: .milliseconds(500), attemptTimeout: .seconds(10))) { fake, client in
            fake.enqueue(.slowFirstByte(delay: .seconds(3)))
            let clock = ContinuousClock()
            let start = clock.now
            let error = await gatewayError { _ = try await client.openStream(chatRequest(.openai, stream: true)) }
            #expect(error?.kind == .timeout)
            #expect(clock.now - start < .milliseconds(2_500))
            #expect(fake.requestCount == 1)
        }
    }

    @Test func slowBodyPastTheDeadlineTimesOut() async throws {
        try await withFakeProvider(policy: quickRetryPolicy(deadline: .milliseconds(500))) { fake, client in
            fake.enqueue(.delay(.seconds(3)))
            let error = await gatewayError { _ = try await client.send(chatRequest(.anthropic)) }
            #expect(error?.kind == .timeout)
        }
    }

    @Test func errorsNeverContainTheAPIKey() async throws {
        var errors: [GatewayError] = []
        try await withFakeProvider { fake, client in
            fake.enqueue(.error(status: 401, type: "invalid_request_error", message: "Incorrect API key provided: \(secretTestKey). See the docs."))
            fake.enqueue(.json(status: 403, body: Array("forbidden for Bearer \(secretTestKey)".utf8)))
            fake.enqueue(.serverError(), .serverError(), .serverError())
            fake.enqueue(.resetMidStream(afterBytes: 10))
            for _ in 0..<3 {
                if let error = await gatewayError({ _ = try await client.send(chatRequest(.openai)) }) { errors.append(error) }
            }
            if let error = await gatewayError({ for try await _ in try await client.openStream(chatRequest(.openai, stream: true)) {} }) {
                errors.append(error)
            }
        }
        try await withProviderClient(settings: ProviderSettings.fromEnvironment(["OPENAI_BASE_URL": "http://127.0.0.1:1/v1", "OPENAI_API_KEY": secretTestKey])) { client in
            if let error = await gatewayError({ _ = try await client.send(chatRequest(.openai)) }) { errors.append(error) }
        }
        #expect(errors.map(\.kind) == [.upstreamStatus(401), .upstreamStatus(403), .upstreamStatus(500), .streamInterrupted, .unreachable])
        for error in errors {
            #expect(!error.description.contains(secretTestKeyTail))
            #expect(!error.message.contains(secretTestKeyTail))
            #expect(!String(reflecting: error).contains(secretTestKeyTail))
        }
    }
}
