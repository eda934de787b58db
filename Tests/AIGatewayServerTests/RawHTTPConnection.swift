import Foundation
import NIOCore
import NIOPosix
import Synchronization

/// A bare TCP connection that writes raw request bytes and reads back whole answers, for what
/// an HTTP client library does not do (pipelining).
enum RawHTTPConnection {
    struct Answer {
        /// From the status line.
        var status: Int
        var headers: [String: String]
        var body: String
    }

    /// The bytes of a request written as given: `headers` as `Name: value` lines, and a
    /// `Content-Length` of the body unless `headers` declares one.
    static func request(_ method: String, _ path: String, headers: [String], body: String = "") -> String {
        let declaresLength = headers.contains { $0.lowercased().hasPrefix("content-length:") }
        let length = declaresLength || (body.isEmpty && method == "GET") ? [] : ["Content-Length: \(body.utf8.count)"]
        return "\(method) \(path) HTTP/1.1\r\n" + (headers + length).map { $0 + "\r\n" }.joined() + "\r\n" + body
    }

    /// The bytes of a JSON `POST` to `path` with `body`.
    static func post(_ path: String, body: String) -> String {
        "POST \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            + "Content-Length: \(body.utf8.count)\r\n\r\n\(body)"
    }

    /// Sends `requests` in one write and returns the first `requests.count` answers (each with
    /// a `Content-Length`), waiting up to ten seconds.
    static func exchange(port: Int, requests: [String]) async throws -> [Answer] {
        let (channel, received) = try await send(requests.joined(), port: port)
        defer { channel.close(promise: nil) }
        let answers = try await poll({ received.answers }, until: { $0.count >= requests.count })
        return Array(answers.prefix(requests.count))
    }

    /// Sends `request`, waits up to ten seconds for its answer, then up to `closeWithin` for the
    /// server to close the connection; the answer, and whether the server closed it.
    static func exchangeAndWaitForClose(port: Int, request: String,
                                        closeWithin: Duration) async throws -> (answer: Answer?, closedByServer: Bool) {
        let (channel, received) = try await send(request, port: port)
        defer { channel.close(promise: nil) }
        let answers = try await poll({ received.answers }, until: { !$0.isEmpty })
        let deadline = ContinuousClock.now + closeWithin
        while channel.isActive, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
        return (answers.first, !channel.isActive)
    }

    /// A new connection to `port` that has sent `bytes`, and what it receives.
    private static func send(_ bytes: String, port: Int) async throws -> (any Channel, Received) {
        let received = Received()
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture { try channel.pipeline.syncOperations.addHandler(Collector(received: received)) }
            }
            .connect(host: "127.0.0.1", port: port).get()
        do {
            try await channel.writeAndFlush(ByteBuffer(string: bytes)).get()
        } catch {
            channel.close(promise: nil)
            throw error
        }
        return (channel, received)
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
            let lines = rest[..<split.lowerBound].split(separator: "\r\n")
            let status = lines.first.flatMap { $0.split(separator: " ").dropFirst().first }.flatMap { Int($0) } ?? 0
            for line in lines.dropFirst() {
                guard let colon = line.firstIndex(of: ":") else { continue }
                headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            }
            let length = Int(headers["content-length"] ?? "") ?? 0
            let body = rest[split.upperBound...].utf8.prefix(length)
            guard body.count == length else { break }
            answers.append(Answer(status: status, headers: headers, body: String(decoding: body, as: UTF8.self)))
            rest = Substring(rest[split.upperBound...].utf8.dropFirst(length))
        }
        return answers
    }

    private final class Received: Sendable {
        let bytes = Mutex(ByteBuffer())
        /// The complete answers received so far.
        var answers: [Answer] { parse(bytes.withLock { String(buffer: $0) }) }
    }

    private final class Collector: ChannelInboundHandler, Sendable {
        typealias InboundIn = ByteBuffer
        let received: Received

        init(received: Received) { self.received = received }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            var bytes = unwrapInboundIn(data)
            received.bytes.withLock { _ = $0.writeBuffer(&bytes) }
        }
    }
}
