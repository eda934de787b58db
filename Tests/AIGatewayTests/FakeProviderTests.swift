import AIGateway
import AsyncHTTPClient
import FakeProvider
import NIOCore
import NIOHTTP1
import Testing

struct FakeProviderTests {
    @Test func healthCheckAnswersWithoutCounting() async throws {
        try await FakeProviderServer.withServer { fake in
            let response = try await HTTPClient.shared.execute(HTTPClientRequest(url: fake.anthropicBaseURL + "/health"), timeout: .seconds(5))
            #expect(response.status == .ok)
            var head = HTTPClientRequest(url: fake.anthropicBaseURL + "/health")
            head.method = .HEAD
            #expect(try await HTTPClient.shared.execute(head, timeout: .seconds(5)).status == .ok)
            #expect(fake.requestCount == 0)
        }
    }

    @Test func baseURLsFollowEachSDKsConvention() async throws {
        try await FakeProviderServer.withServer { fake in
            #expect(fake.openAIBaseURL == "http://127.0.0.1:\(fake.port)/v1")
            #expect(fake.anthropicBaseURL == "http://127.0.0.1:\(fake.port)")
            #expect(fake.port > 0)
        }
    }

    @Test func routeQueueIsServedBeforeTheGlobalQueueThenTheDefault() async throws {
        try await withFakeProvider(policy: .noRetries) { fake, client in
            fake.enqueue(.error(status: 400, type: "global", message: "first global"), .error(status: 400, type: "global", message: "second global"))
            fake.enqueue(.error(status: 400, type: "route", message: "route"), for: .anthropicMessages)
            var messages: [String] = []
            for provider in [Provider.anthropic, .anthropic, .openai] {
                messages.append(await gatewayError { _ = try await client.send(chatRequest(provider)) }?.message ?? "ok")
            }
            messages.append(await gatewayError { _ = try await client.send(chatRequest(.openai)) }?.message ?? "ok")
            #expect(messages == ["route", "first global", "second global", "ok"])
            #expect(fake.requestCount == 4)
            #expect(fake.requests(for: .anthropicMessages).count == 2)
        }
    }

    @Test func answersAreDeterministicPerRequest() async throws {
        try await withFakeProvider { _, client in
            let first = try await client.send(chatRequest(.openai, text: "same words"))
            let second = try await client.send(chatRequest(.openai, text: "same words"))
            let one = try ResponseSummary(openAIChatCompletion: first.body)
            let two = try ResponseSummary(openAIChatCompletion: second.body)
            #expect(one.text == two.text)
            #expect(one.usage == two.usage)
            #expect(one.usage?.openAIPromptTokens == chatRequest(.openai, text: "same words").body.count / 4)
            #expect([one.id, two.id] == ["chatcmpl-fake-1", "chatcmpl-fake-2"])
        }
    }

    @Test func openAIStreamHasAUsageChunkOnlyWhenAsked() async throws {
        try await withFakeProvider { _, client in
            for includeUsage in [false, true] {
                var events: [ServerSentEvent] = []
                for try await event in try await client.openStream(chatRequest(.openai, stream: true, includeUsage: includeUsage)) {
                    events.append(event)
                }
                #expect(events.last?.data == "[DONE]")
                let usageChunks = events.filter { $0.data.contains(#""prompt_tokens""#) }
                #expect(usageChunks.count == (includeUsage ? 1 : 0))
                #expect(events.first?.data.contains(#""role":"assistant""#) == true)
                // "echo: hello there", a word per chunk.
                #expect(events.filter { $0.data.contains(#""content":""#) && !$0.data.contains(#""role""#) }.count == 3)
            }
        }
    }

    @Test func streamedTextIsSplitIntoWordsThatJoinBack() {
        #expect(FakeAnswer.words("echo: a  b") == ["echo:", " a", "  b"])
        #expect(FakeAnswer.words("") == [])
        let body = Array(#"{"stream": true, "messages": [{"role": "user", "content": "one two three"}]}"#.utf8)
        let answer = FakeAnswer(route: .anthropicMessages, requestBody: body, sequence: 1)
        let deltas = answer.events.filter { $0.event == "content_block_delta" }
        #expect(deltas.count == 4)
        #expect(answer.events.map(\.type).prefix(2) == ["message_start", "ping"])
    }

    @Test func contentTextInTheRequestCanBeParts() {
        let body = Array(#"{"messages":[{"role":"user","content":"old"},{"role":"assistant","content":"x"},{"role":"user","content":[{"type":"text","text":"new"},{"type":"image","source":{}},{"type":"text","text":"words"}]}]}"#.utf8)
        let answer = FakeAnswer(route: .anthropicMessages, requestBody: body, sequence: 9)
        #expect(answer.summary.text == "echo: new words")
        #expect(answer.summary.id == "msg_fake_9")
        #expect(answer.stream == false)
    }

    @Test(arguments: [FakeReply.Chunking.whole, .everyBytes(1), .everyBytes(7), .randomSplit(seed: 3)])
    func chunkingCoversEveryByteOnce(chunking: FakeReply.Chunking) {
        let bytes = Array((0..<500).map { UInt8($0 % 251) })
        let chunks = chunking.split(bytes)
        #expect(chunks.flatMap { $0 } == bytes)
        #expect(chunks.allSatisfy { !$0.isEmpty })
        if case .everyBytes(let size) = chunking { #expect(chunks.allSatisfy { $0.count <= size }) }
    }

    @Test func recordingCanBeTurnedOffButCountingGoesOn() async throws {
        try await withFakeProvider { fake, client in
            fake.recordsRequests = false
            fake.defaultReplyLatency = .zero
            for _ in 0..<3 { _ = try await client.send(chatRequest(.anthropic)) }
            #expect(fake.requestCount == 3)
            #expect(fake.requests.isEmpty)
        }
    }
}
