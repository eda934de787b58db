import AIGateway
@testable import AIGatewayServer
import FakeProvider
import Foundation
import HTTPTypes
import HummingbirdTesting
import Logging
import NIOCore
import Testing

/// Hits answered on the event loop (``ServerConfiguration/servesHitsOnEventLoop``), against a
/// live server: the same answer as the router's, and HTTP/1.1 order kept for pipelined requests.
@Suite struct StoreHitAnswerTests {
    @Test(arguments: Format.allCases, [false, true])
    func aHitIsAnsweredAsTheRouterAnswersIt(format: Format, stream: Bool) async throws {
        let onEventLoop = try await hitAnswer(format: format, stream: stream, servesHitsOnEventLoop: true)
        let viaRouter = try await hitAnswer(format: format, stream: stream, servesHitsOnEventLoop: false)
        #expect(onEventLoop.fields.map(\.name) == viaRouter.fields.map(\.name))
        #expect(onEventLoop.fields.map(\.name).contains("date"))
        #expect(onEventLoop.fields.filter(\.comparable) == viaRouter.fields.filter(\.comparable))
        #expect(onEventLoop.body == viaRouter.body)
    }

    /// A slow miss, then two hits, sent in one write on one connection: each answer in its
    /// request's order, though the hits are ready long before the miss.
    @Test func pipelinedAnswersKeepTheirRequestsOrder() async throws {
        try await withGatewayServer { client, fake in
            let hitBody = Format.openAI.body()
            _ = try await client.post(.openAI, hitBody)
            fake.enqueue(.slowFirstByte(delay: .milliseconds(300)))
            let missBody = Format.openAI.body("a slow miss")
            let port = try #require(client.port)
            let answers = try await RawHTTPConnection.exchange(port: port, requests: [missBody, hitBody, hitBody].map {
                RawHTTPConnection.post(Format.openAI.path, body: $0)
            })
            #expect(answers.map { $0.headers["x-aigw-cache"] } == ["miss", "hit", "hit"])
            #expect(answers[0].body.contains("echo: a slow miss"))
            #expect(answers[1].body.contains("echo: hello there"))
            #expect(fake.requestCount == 2)
        }
    }

    /// Stream hits, direct and translated, answered on one connection one after the other: a
    /// replayed stream has no provider call to cancel, so nothing closes the connection.
    @Test(arguments: [(Format.openAI, "gpt-4o-mini"), (.anthropic, "claude-3-5-haiku-20241022"),
                      (.openAI, "claude-3-5-haiku-20241022")])
    func streamHitsKeepTheConnectionOpen(format: Format, model: String) async throws {
        try await withGatewayServer { client, fake in
            let body = format.body(stream: true, model: model)
            let miss = try await client.post(format, body)
            #expect(miss.header("connection") == "close", "a live stream is watched for the client leaving")
            let port = try #require(client.port)
            let answers = try await RawHTTPConnection.exchange(port: port, requests: [body, body].map {
                RawHTTPConnection.post(format.path, body: $0)
            })
            let last = format.endOfStream
            for answer in answers {
                #expect(answer.headers["x-aigw-cache"] == "hit")
                #expect(answer.headers["content-type"] == "text/event-stream")
                #expect(answer.headers["connection"] == nil)
                #expect(answer.body.hasSuffix(last + "\n\n"))
            }
            #expect(answers.count == 2)
            // A translated stream is stamped with the second it is written in, so only a direct
            // one is compared byte for byte.
            if format.route.provider == (model.hasPrefix("gpt") ? .openai : .anthropic) {
                #expect(answers.first?.body == miss.text, "the hit replays what the miss sent")
            }
            #expect(fake.requestCount == 1)
        }
    }

    /// What the event loop answers: the route's `answerFromStore`, which `StoreHitHandler`
    /// calls, on a store that holds answers to JSON and streamed requests, direct and translated.
    /// Each is served there as a hit; a request the store cannot answer is left to the router.
    @Test func theEventLoopAnswersJSONAndStreamHitsDirectAndTranslated() async throws {
        let claude = "claude-3-5-haiku-20241022"
        let requests = [(Format.openAI, "gpt-4o-mini"), (.anthropic, claude), (.openAI, claude)].flatMap { format, model in
            [false, true].map { (format: format, body: format.body(stream: $0, model: model), stream: $0) }
        }
        try await withTemporaryDirectory { path in
            try await withGatewayServer(storePath: path) { client, fake, _ in
                for request in requests { _ = try await client.post(request.format, request.body) }
                // A request and its streamed form share an entry.
                #expect(fake.requestCount == 3)
            }
            var logger = Logger(label: "aigw.test")
            logger.logLevel = .critical
            let gateway = try AIGateway(configuration: AIGateway.Configuration(storePath: path, logger: logger))
            for request in requests {
                let api: WireAPI = request.format == .openAI ? .openAIChat : .anthropicMessages
                let route = CompletionRoute(api: api, gateway: gateway, keys: nil,
                                            maxRequestBytes: ServerConfiguration.defaultMaxRequestBytes)
                let head = HTTPRequest(method: .post, scheme: "http", authority: "127.0.0.1", path: request.format.path,
                                       headerFields: [.contentType: "application/json"])
                let answer = route.answerFromStore(head: head, body: ByteBuffer(string: request.body))
                #expect(answer?.fields[HTTPField.Name("x-aigw-cache")!] == "hit", "\(request.format) \(request.body)")
                #expect(answer?.fields[.contentType] == (request.stream ? "text/event-stream" : "application/json"))
                let end = request.stream ? request.format.endOfStream : "echo: hello there"
                #expect(answer.map { String(buffer: $0.body) }?.contains(end) == true)
                let unseen = route.answerFromStore(head: head, body: ByteBuffer(string: request.format.body("never asked")))
                #expect(unseen == nil)
            }
            await gateway.shutdown()
        }
    }

    /// An OpenAI-format request for a Claude model: its hit is rendered in OpenAI's shape,
    /// stamped with the second it is written in, so `created` is left out of the comparison.
    @Test(arguments: [false, true])
    func aTranslatedHitIsAnsweredAsTheRouterAnswersIt(stream: Bool) async throws {
        let claude = "claude-3-5-haiku-20241022"
        let onEventLoop = try await hitAnswer(format: .openAI, stream: stream, model: claude, servesHitsOnEventLoop: true)
        let viaRouter = try await hitAnswer(format: .openAI, stream: stream, model: claude, servesHitsOnEventLoop: false)
        #expect(onEventLoop.fields.map(\.name) == viaRouter.fields.map(\.name))
        #expect(onEventLoop.fields.filter(\.comparable) == viaRouter.fields.filter(\.comparable))
        let unstamped = { (body: [UInt8]) in
            String(decoding: body, as: UTF8.self).replacing(/"created":\d+/, with: #""created":0"#)
        }
        #expect(unstamped(onEventLoop.body) == unstamped(viaRouter.body))
        #expect(unstamped(onEventLoop.body).contains(stream ? "chat.completion.chunk" : "chat.completion"))
    }

    /// `aigw serve --idle-timeout`, wired in ahead of the event loop's hits: a connection is
    /// closed once it has been idle that long after a hit, and a slow answer longer than the
    /// timeout is not cut.
    @Test func anIdleConnectionIsClosedButASlowAnswerIsNot() async throws {
        try await withGatewayServer(idleTimeout: .milliseconds(300)) { client, fake, _ in
            let port = try #require(client.port)
            let hitBody = Format.openAI.body()
            _ = try await client.post(.openAI, hitBody)
            let hit = try await RawHTTPConnection.exchangeAndWaitForClose(
                port: port, request: RawHTTPConnection.post(Format.openAI.path, body: hitBody), closeWithin: .seconds(3))
            #expect(hit.answer?.headers["x-aigw-cache"] == "hit")
            #expect(hit.closedByServer)

            fake.enqueue(.slowFirstByte(delay: .seconds(1)))
            let slow = try await RawHTTPConnection.exchangeAndWaitForClose(
                port: port, request: RawHTTPConnection.post(Format.openAI.path, body: Format.openAI.body("slow")), closeWithin: .seconds(3))
            #expect(slow.answer?.headers["x-aigw-cache"] == "miss")
            #expect(slow.answer?.body.contains("echo: slow") == true)
            #expect(slow.closedByServer)
        }
    }

    private func hitAnswer(format: Format, stream: Bool, model: String? = nil,
                           servesHitsOnEventLoop: Bool) async throws -> (fields: [Field], body: [UInt8]) {
        try await withGatewayServer(servesHitsOnEventLoop: servesHitsOnEventLoop) { client, _ in
            _ = try await client.post(format, format.body(stream: stream, model: model))
            let hit = try await client.post(format, format.body(stream: stream, model: model))
            #expect(hit.header("x-aigw-cache") == "hit")
            return (hit.headers.map { Field(name: $0.name.canonicalName, value: $0.value) }, Array(hit.body.readableBytesView))
        }
    }

    struct Field: Equatable {
        var name: String
        var value: String
        /// Differs between any two answers: the request id, the date.
        var comparable: Bool { !["x-aigw-request-id", "date"].contains(name.lowercased()) }
    }
}
