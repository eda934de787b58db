import AIGateway
import FakeProvider
import Testing

struct ProviderStreamTests {
    /// What a parser makes of the bytes in one piece.
    private func wholeEvents(_ bytes: [UInt8]) -> [ServerSentEvent] {
        var parser = SSEParser()
        return parser.feed(bytes)
    }

    private func collect(_ stream: UpstreamEventStream) async throws -> [ServerSentEvent] {
        var events: [ServerSentEvent] = []
        for try await event in stream { events.append(event) }
        return events
    }

    @Test(arguments: [Provider.openai, .anthropic], [UInt64(1), 7, 42])
    func randomlySplitStreamGivesTheEventsOfTheWhole(provider: Provider, seed: UInt64) async throws {
        try await withFakeProvider { fake, client in
            let request = chatRequest(provider, text: "split me into many small pieces", stream: true, includeUsage: true)
            let route: FakeRoute = provider == .openai ? .openAIChat : .anthropicMessages
            let bytes = FakeAnswer(route: route, requestBody: request.body, sequence: 1).streamBytes
            fake.enqueue(.sse(bytes, chunking: .randomSplit(seed: seed)))
            let events = try await collect(client.openStream(request))
            #expect(events == wholeEvents(bytes))
            #expect(events.count > 3)
        }
    }

    @Test func openAIDefaultStreamAccumulatesToTheAnswer() async throws {
        try await withFakeProvider { _, client in
            let stream = try await client.openStream(chatRequest(.openai, text: "stream this", stream: true, includeUsage: true))
            #expect(stream.status == 200)
            var accumulator = OpenAIStreamAccumulator()
            for try await event in stream { try accumulator.add(event) }
            #expect(accumulator.isComplete)
            let summary = try accumulator.summary()
            #expect(summary.text == "echo: stream this")
            #expect(summary.usage?.output == 3)
        }
    }

    @Test func anthropicDefaultStreamAccumulatesToTheAnswer() async throws {
        try await withFakeProvider { _, client in
            let stream = try await client.openStream(chatRequest(.anthropic, text: "stream that", stream: true))
            var accumulator = AnthropicStreamAccumulator()
            var types: [String] = []
            for try await event in stream {
                types.append(event.type)
                try accumulator.add(event)
            }
            #expect(accumulator.isComplete)
            #expect(try accumulator.summary().text == "echo: stream that")
            #expect(types.first == "message_start")
            #expect(types.contains("ping"))
            #expect(types.last == "message_stop")
        }
    }

    @Test func connectionResetMidStreamInterruptsTheStream() async throws {
        try await withFakeProvider { fake, client in
            fake.enqueue(.resetMidStream(afterBytes: 300))
            let stream = try await client.openStream(chatRequest(.openai, stream: true))
            var received = 0
            let error = await gatewayError {
                for try await _ in stream { received += 1 }
            }
            #expect(error?.kind == .streamInterrupted)
            #expect(error?.requestId == "req-test-1")
            #expect(received >= 1)
            #expect(fake.requestCount == 1)
        }
    }

    /// A provider that goes silent mid-stream: once the head has arrived no deadline applies,
    /// so the read idle timeout is what ends the stream (and frees both connections).
    @Test func aStreamThatGoesSilentEndsAfterTheReadIdleTimeout() async throws {
        let impatient = ProviderClient.httpClientConfiguration(readIdleTimeout: .milliseconds(500))
        try await withFakeProvider(configuration: impatient) { fake, client in
            // One per attempt: on a loaded machine the head itself can take longer than the
            // timeout, and the retry must meet the same silent provider.
            for _ in 0..<3 { fake.enqueue(.delay(.seconds(10))) }
            let started = ContinuousClock.now
            let stream = try await client.openStream(chatRequest(.openai, stream: true))
            let error = await gatewayError {
                for try await _ in stream {}
            }
            #expect(error?.kind == .streamInterrupted)
            #expect(error?.message.contains("read idle timeout") == true)
            #expect(ContinuousClock.now - started < .seconds(8))
        }
    }

    @Test func truncatedLastEventInterruptsTheStream() async throws {
        try await withFakeProvider { fake, client in
            fake.enqueue(.rateLimited(retryAfterSeconds: 0))
            fake.enqueue(.sse(Array("data: {\"a\":1}\n\ndata: {\"b\":".utf8), chunking: .everyBytes(5)))
            let stream = try await client.openStream(chatRequest(.openai, stream: true))
            var events: [ServerSentEvent] = []
            let error = await gatewayError {
                for try await event in stream { events.append(event) }
            }
            #expect(error?.kind == .streamInterrupted)
            #expect(error?.attempts == 2)
            #expect(events.map(\.data) == [#"{"a":1}"#])
        }
    }

    @Test func streamIsRetriedOnlyUntilTheHead() async throws {
        try await withFakeProvider { fake, client in
            fake.enqueue(.serverError(status: 503), for: .anthropicMessages)
            let events = try await collect(client.openStream(chatRequest(.anthropic, stream: true)))
            #expect(events.last?.type == "message_stop")
            #expect(fake.requestCount == 2)
        }
    }

    @Test func cancellingTheConsumerStopsTheUpstreamRequest() async throws {
        try await withFakeProvider { fake, client in
            // Ten events a second apart: reading them all would take ten seconds.
            fake.enqueue(.delay(.seconds(1)))
            let stream = try await client.openStream(chatRequest(.openai, stream: true))
            let clock = ContinuousClock()
            let start = clock.now
            let consumer = Task {
                var count = 0
                for try await _ in stream { count += 1 }
                return count
            }
            try await Task.sleep(for: .milliseconds(1_300))
            consumer.cancel()
            let result = await consumer.result
            #expect(clock.now - start < .seconds(5))
            switch result {
            case .success(let count): Issue.record("stream ended normally after \(count) events")
            case .failure(let error): #expect(error is CancellationError)
            }
            // The fake's next write, at most a second later, finds the connection closed.
            let waitStart = clock.now
            while fake.abandonedReplies == 0, clock.now - waitStart < .seconds(5) {
                try await Task.sleep(for: .milliseconds(50))
            }
            #expect(fake.abandonedReplies == 1)
            let response = try await client.send(chatRequest(.openai))
            #expect(response.status == 200)
        }
    }
}
