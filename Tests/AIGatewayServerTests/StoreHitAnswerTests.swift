import FakeProvider
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import NIOPosix
import Synchronization
import Testing

/// Hits answered on the event loop (``ServerConfiguration/servesHitsOnEventLoop``), against a
/// live server: the same answer as the router's, and HTTP/1.1 order kept for pipelined requests.
@Suite struct StoreHitAnswerTests {
    @Test(arguments: Format.allCases)
    func aHitIsAnsweredAsTheRouterAnswersIt(format: Format) async throws {
        let onEventLoop = try await hitAnswer(format: format, servesHitsOnEventLoop: true)
        let viaRouter = try await hitAnswer(format: format, servesHitsOnEventLoop: false)
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
                "POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: \($0.utf8.count)\r\n\r\n\($0)"
            })
            #expect(answers.map { $0.headers["x-aigw-cache"] } == ["miss", "hit", "hit"])
            #expect(answers[0].body.contains("echo: a slow miss"))
            #expect(answers[1].body.contains("echo: hello there"))
            #expect(fake.requestCount == 2)
        }
    }

    private func hitAnswer(format: Format, servesHitsOnEventLoop: Bool) async throws -> (fields: [Field], body: [UInt8]) {
        try await withGatewayServer(servesHitsOnEventLoop: servesHitsOnEventLoop) { client, _ in
            _ = try await client.post(format, format.body())
            let hit = try await client.post(format, format.body())
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

/// A bare TCP connection that writes raw request bytes and reads back whole answers, for what
/// an HTTP client library does not do (pipelining).
enum RawHTTPConnection {
    struct Answer {
        var headers: [String: String]
        var body: String
    }

    /// Sends `requests` in one write and returns the first `requests.count` answers (each with
    /// a `Content-Length`), waiting up to ten seconds.
    static func exchange(port: Int, requests: [String]) async throws -> [Answer] {
        let received = Received()
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture { try channel.pipeline.syncOperations.addHandler(Collector(received: received)) }
            }
            .connect(host: "127.0.0.1", port: port).get()
        defer { channel.close(promise: nil) }
        try await channel.writeAndFlush(ByteBuffer(string: requests.joined())).get()
        let answers = try await poll({ parse(received.bytes.withLock { String(buffer: $0) }) }, until: { $0.count >= requests.count })
        return Array(answers.prefix(requests.count))
    }

    /// Sends `bytes` and closes the connection without reading an answer.
    static func sendAndClose(port: Int, bytes: String) async throws {
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connect(host: "127.0.0.1", port: port).get()
        try await channel.writeAndFlush(ByteBuffer(string: bytes)).get()
        try await channel.close()
    }

    /// The complete answers at the start of `text`.
    static func parse(_ text: String) -> [Answer] {
        var answers: [Answer] = []
        var rest = Substring(text)
        while let split = rest.range(of: "\r\n\r\n") {
            var headers: [String: String] = [:]
            for line in rest[..<split.lowerBound].split(separator: "\r\n").dropFirst() {
                guard let colon = line.firstIndex(of: ":") else { continue }
                headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            }
            let length = Int(headers["content-length"] ?? "") ?? 0
            let body = rest[split.upperBound...].utf8.prefix(length)
            guard body.count == length else { break }
            answers.append(Answer(headers: headers, body: String(decoding: body, as: UTF8.self)))
            rest = Substring(rest[split.upperBound...].utf8.dropFirst(length))
        }
        return answers
    }

    private final class Received: Sendable {
        let bytes = Mutex(ByteBuffer())
    }

    private final class Collector: ChannelInboundHandler, Sendable {
        typealias InboundIn = ByteBuffer
        let received: Received

        init(received: Received) { self.received = received }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            var bytes = unwrapInboundIn(data)
            received.bytes.withLock { $0.writeBuffer(&bytes) }
        }
    }
}
