import AIGatewayCore
import AsyncHTTPClient
import NIOCore
import Synchronization

/// Turns a streaming response body into server-sent events, pulled one at a time.
///
/// Pulling (rather than a task pushing into a buffer) keeps backpressure with the consumer and
/// ties the HTTP request to the consuming task: when that task is cancelled the pending body
/// read is cancelled, and AsyncHTTPClient cancels the request; when the consumer drops the
/// stream the body iterator goes with it, which cancels the request too.
final class SSEBodyReader: @unchecked Sendable {
    // @unchecked: `iterator`, `parser`, `pending` and `finished` are touched only inside
    // `next()`, and `busy` makes a second concurrent `next()` fail instead of racing.
    private var iterator: HTTPClientResponse.Body.AsyncIterator
    private var parser = SSEParser()
    /// Events parsed but not yet returned, last first.
    private var pending: [ServerSentEvent] = []
    private var finished = false
    private let busy = Mutex(false)
    private let provider: Provider
    private let requestId: String
    /// The attempts it took to open the stream, reported with an interruption.
    private let attempts: Int

    init(body: HTTPClientResponse.Body, provider: Provider, requestId: String, attempts: Int) {
        self.iterator = body.makeAsyncIterator()
        self.provider = provider
        self.requestId = requestId
        self.attempts = attempts
    }

    func next() async throws -> ServerSentEvent? {
        let alreadyBusy = busy.withLock { busy in
            defer { busy = true }
            return busy
        }
        guard !alreadyBusy else { preconditionFailure("an upstream event stream supports one consumer at a time") }
        defer { busy.withLock { $0 = false } }

        while true {
            if let event = pending.popLast() { return event }
            if finished { return nil }
            let buffer: ByteBuffer?
            do {
                buffer = try await iterator.next()
            } catch {
                finished = true
                if error is CancellationError || Task.isCancelled { throw CancellationError() }
                if case .readTimeout? = error as? HTTPClientError {
                    throw interrupted("the provider sent nothing mid-stream for longer than the read idle timeout")
                }
                throw interrupted("connection lost mid-stream: \(error)")
            }
            guard let buffer else {
                finished = true
                // A cancelled body read may end the sequence instead of throwing; that must not
                // pass for a complete stream.
                if Task.isCancelled { throw CancellationError() }
                if parser.finish().isTruncated { throw interrupted("stream ended inside an event") }
                return nil
            }
            pending = parser.feed(buffer.readableBytesView).reversed()
        }
    }

    private func interrupted(_ message: String) -> GatewayError {
        GatewayError(.streamInterrupted, provider: provider, requestId: requestId, message: message, attempts: attempts)
    }
}
