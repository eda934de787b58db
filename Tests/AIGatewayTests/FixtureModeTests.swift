@testable import AIGateway
import FakeProvider
import Foundation
import Testing

@Suite struct FixtureModeTests {
    let openAIBody = #"{"model":"gpt-4o-mini","messages":[{"role":"user","content":"hello there"}]}"#
    let anthropicBody = #"{"model":"claude-3-5-haiku-20241022","max_tokens":64,"messages":[{"role":"user","content":"hello there"}]}"#

    @Test(arguments: [Provider.openai, .anthropic])
    func recordThenReplayGivesIdenticalBodiesAndEvents(provider: Provider) async throws {
        let body = provider == .openai ? openAIBody : anthropicBody
        let streamBody = body.replacingOccurrences(of: "hello there", with: "stream please").dropLast() + #","stream":true}"#
        try await withTemporaryDirectoryAsync { directory in
            let (recordedBody, recordedEvents) = try await FakeProviderServer.withServer { fake in
                try await withFixtureGateway(directory: directory, mode: .record, fake: fake) { gateway in
                    let outcome = try await gateway.complete(rawCall(body, provider: provider, stream: false))
                    #expect(outcome.cacheStatus == .miss)
                    let events = try await eventPairs(gateway.completeStream(rawCall(String(streamBody), provider: provider, stream: true)))
                    return (outcome.responseBody, events)
                }
            }
            #expect(fixtureFiles(directory).count == 2)
            try await withFixtureGateway(directory: directory, mode: .replay) { gateway in
                let outcome = try await gateway.complete(rawCall(body, provider: provider, stream: false))
                #expect(outcome.cacheStatus == .hit)
                #expect(outcome.responseBody == recordedBody)
                let events = try await eventPairs(gateway.completeStream(rawCall(String(streamBody), provider: provider, stream: true)))
                #expect(events == recordedEvents)
                #expect(events.count > 3)
            }
        }
    }

    @Test func aStreamFixtureAnswersAPlainRequestAndBack() async throws {
        try await withTemporaryDirectoryAsync { directory in
            try await FakeProviderServer.withServer { fake in
                try await withFixtureGateway(directory: directory, mode: .record, fake: fake) { gateway in
                    let streamBody = String(openAIBody.dropLast()) + #","stream":true}"#
                    _ = try await eventPairs(gateway.completeStream(rawCall(streamBody, provider: .openai, stream: true)))
                    _ = try await gateway.complete(rawCall(anthropicBody, provider: .anthropic, stream: false))
                }
            }
            try await withFixtureGateway(directory: directory, mode: .replay) { gateway in
                let plain = try await gateway.complete(rawCall(openAIBody, provider: .openai, stream: false))
                #expect(plain.summary.text == "echo: hello there")
                let streamed = try await eventPairs(gateway.completeStream(rawCall(anthropicBody, provider: .anthropic, stream: true)))
                #expect(streamed.contains { $0.hasPrefix("message_stop") })
            }
        }
    }

    @Test func replayMissNamesTheNearestFixtureAndTheFieldThatDiffers() async throws {
        try await withTemporaryDirectoryAsync { directory in
            try await FakeProviderServer.withServer { fake in
                try await withFixtureGateway(directory: directory, mode: .record, fake: fake) { gateway in
                    _ = try await gateway.complete(rawCall(openAIBody, provider: .openai, stream: false))
                }
            }
            let recorded = try #require(fixtureFiles(directory).first)
            let changed = openAIBody.replacingOccurrences(of: "}]}", with: #"}],"temperature":0.2}"#)
            try await withFixtureGateway(directory: directory, mode: .replay) { gateway in
                let error = await #expect(throws: GatewayError.self) {
                    try await gateway.complete(rawCall(changed, provider: .openai, stream: false))
                }
                let message = error?.message ?? ""
                #expect(error?.kind == .fixtureNotFound)
                #expect(message.contains(recorded))
                #expect(message.contains("differs in temperature"))
                #expect(message.contains(directory))
                #expect(message.contains("To record it: record-it"))
            }
        }
    }

    @Test func keyShapedValuesAreRefusedWithTheFieldNamed() async throws {
        let key = KeyShapedTestValue.make("proj-abcdefghijklmnop1234")
        try await withTemporaryDirectoryAsync { directory in
            try await FakeProviderServer.withServer { fake in
                try await withFixtureGateway(directory: directory, mode: .record, fake: fake) { gateway in
                    // The fake echoes the user's text, so the key reaches the response body.
                    let inBody = openAIBody.replacingOccurrences(of: "hello there", with: "my key is \(key)")
                    let bodyError = await #expect(throws: GatewayError.self) {
                        try await gateway.complete(rawCall(inBody, provider: .openai, stream: false))
                    }
                    #expect(bodyError?.kind == .fixtureFailed)
                    #expect(bodyError?.message.contains("request.body.messages[0].content") == true)
                    #expect(bodyError?.message.contains(key) == false)

                    let headerError = await #expect(throws: GatewayError.self) {
                        try await gateway.complete(rawCall(anthropicBody, provider: .anthropic, stream: false,
                                                           headers: [(name: "anthropic-beta", value: key)]))
                    }
                    #expect(headerError?.message.contains("request.headers.anthropic-beta") == true)
                }
            }
            #expect(fixtureFiles(directory).isEmpty)
        }
    }

    /// In the request the client sent or in the answer the provider gave: either way the
    /// exchange is not written.
    @Test func aConfiguredSecretIsRefusedWherever() async throws {
        try await withTemporaryDirectoryAsync { directory in
            try await FakeProviderServer.withServer { fake in
                try await withFixtureGateway(directory: directory, mode: .record, fake: fake, secrets: ["correct-horse-battery"]) { gateway in
                    let body = openAIBody.replacingOccurrences(of: "hello there", with: "correct-horse-battery staple")
                    let inRequest = await #expect(throws: GatewayError.self) {
                        try await gateway.complete(rawCall(body, provider: .openai, stream: false))
                    }
                    #expect(inRequest?.message.contains("configured secret") == true)

                    let answer = ResponseSamples.openAIChatBody.replacingOccurrences(of: "gpt-4o-mini-2024-07-18", with: "correct-horse-battery")
                    fake.enqueue(.json(body: Array(answer.utf8)), for: .openAIChat)
                    let inAnswer = await #expect(throws: GatewayError.self) {
                        try await gateway.complete(rawCall(openAIBody, provider: .openai, stream: false))
                    }
                    #expect(inAnswer?.message.contains("configured secret") == true)
                }
            }
            #expect(fixtureFiles(directory).isEmpty)
        }
    }

    @Test func rerecordingAnUnchangedExchangeKeepsTheFileBytes() async throws {
        try await withTemporaryDirectoryAsync { directory in
            try await FakeProviderServer.withServer { fake in
                // The fake's default answers number themselves; a provider's would differ too.
                let answer = FakeReply.json(body: Array(ProjectAnswers.anthropicMessage.utf8))
                try await withFixtureGateway(directory: directory, mode: .record, fake: fake) { gateway in
                    fake.enqueue(answer, for: .anthropicMessages)
                    _ = try await gateway.complete(rawCall(anthropicBody, provider: .anthropic, stream: false))
                }
                let name = try #require(fixtureFiles(directory).first)
                let before = fileBytes(directory, name)
                // A later second: a naive writer would change recorded_at.
                try await Task.sleep(for: .milliseconds(1_100))
                try await withFixtureGateway(directory: directory, mode: .rerecord, fake: fake) { gateway in
                    fake.enqueue(answer, for: .anthropicMessages)
                    _ = try await gateway.complete(rawCall(anthropicBody, provider: .anthropic, stream: false))
                }
                #expect(fixtureFiles(directory) == [name])
                #expect(fileBytes(directory, name) == before)
                #expect(fake.requestCount == 2)
            }
        }
    }

    @Test func identicalRequestsRecordedWithDifferentAnswersReplayInOrder() async throws {
        try await withTemporaryDirectoryAsync { directory in
            try await FakeProviderServer.withServer { fake in
                try await withFixtureGateway(directory: directory, mode: .record, fake: fake) { gateway in
                    // The fake's answers differ by request number (their ids); the text is the same.
                    fake.enqueue(.error(status: 400, type: "invalid_request_error", message: "first"), for: .openAIChat)
                    _ = try? await gateway.complete(rawCall(openAIBody, provider: .openai, stream: false))
                    _ = try await gateway.complete(rawCall(openAIBody, provider: .openai, stream: false))
                }
            }
            #expect(fixtureFiles(directory).count == 2)
            try await withFixtureGateway(directory: directory, mode: .replay) { gateway in
                let first = await #expect(throws: GatewayError.self) {
                    try await gateway.complete(rawCall(openAIBody, provider: .openai, stream: false))
                }
                #expect(first?.status == 400)
                let second = try await gateway.complete(rawCall(openAIBody, provider: .openai, stream: false))
                let third = try await gateway.complete(rawCall(openAIBody, provider: .openai, stream: false))
                #expect(second.summary.text == "echo: hello there")
                #expect(third.responseBody == second.responseBody)
            }
        }
    }

    /// A provider's error code (OpenAI's `rate_limit_exceeded`) is recorded and replayed with
    /// the error, so an SDK sees the same `code` offline; an error without one records none.
    @Test func anErrorCodeIsRecordedAndReplayed() async throws {
        try await withTemporaryDirectoryAsync { directory in
            try await FakeProviderServer.withServer { fake in
                try await withFixtureGateway(directory: directory, mode: .record, fake: fake) { gateway in
                    fake.enqueue(.rateLimited(retryAfterSeconds: 30), for: .openAIChat)
                    _ = try? await gateway.complete(rawCall(openAIBody, provider: .openai, stream: false))
                    fake.enqueue(.error(status: 400, type: "invalid_request_error", message: "no code"), for: .anthropicMessages)
                    _ = try? await gateway.complete(rawCall(anthropicBody, provider: .anthropic, stream: false))
                }
            }
            let texts = fixtureFiles(directory).map { String(decoding: fileBytes(directory, $0), as: UTF8.self) }
            #expect(texts.count == 2)
            #expect(texts.filter { $0.contains(#""code""#) }.count == 1, "only the error that had a code records one")
            try await withFixtureGateway(directory: directory, mode: .replay) { gateway in
                let limited = await #expect(throws: GatewayError.self) {
                    try await gateway.complete(rawCall(openAIBody, provider: .openai, stream: false))
                }
                #expect(limited?.status == 429)
                #expect(limited?.providerErrorCode == "rate_limit_exceeded")
                #expect(limited?.providerErrorType == "requests")
                let plain = await #expect(throws: GatewayError.self) {
                    try await gateway.complete(rawCall(anthropicBody, provider: .anthropic, stream: false))
                }
                #expect(plain?.status == 400)
                #expect(plain?.providerErrorCode == nil)
            }
        }
    }

    @Test func recordModeNeverRewritesAnExistingFixture() async throws {
        try await withTemporaryDirectoryAsync { directory in
            try await FakeProviderServer.withServer { fake in
                try await withFixtureGateway(directory: directory, mode: .record, fake: fake) { gateway in
                    _ = try await gateway.complete(rawCall(openAIBody, provider: .openai, stream: false))
                }
                let name = try #require(fixtureFiles(directory).first)
                let before = fileBytes(directory, name)
                try await withFixtureGateway(directory: directory, mode: .record, fake: fake) { gateway in
                    _ = try await gateway.complete(rawCall(openAIBody, provider: .openai, stream: false))
                    _ = try await gateway.complete(rawCall(openAIBody, provider: .openai, stream: false))
                }
                #expect(fake.requestCount == 1)
                #expect(fixtureFiles(directory) == [name] && fileBytes(directory, name) == before)
            }
        }
    }

    @Test func fixturesModesLeaveTheCacheStoreAlone() async throws {
        try await withTemporaryDirectoryAsync { directory in
            try await FakeProviderServer.withServer { fake in
                try await withFixtureGateway(directory: directory, mode: .record, fake: fake) { gateway in
                    _ = try await gateway.complete(rawCall(openAIBody, provider: .openai, stream: false))
                    #expect(try gateway.store.stats().entries == 0)
                }
            }
            try await withFixtureGateway(directory: directory, mode: .replay) { gateway in
                for _ in 0..<2 { _ = try await gateway.complete(rawCall(openAIBody, provider: .openai, stream: false)) }
                #expect(try gateway.store.stats().entries == 0)
            }
        }
    }
}
