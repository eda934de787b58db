@testable import AIGateway
import Synchronization

/// An in-process provider for the cache layer's tests: answers with the recorded samples,
/// counts calls, and fails or stalls on request. Wire-level behaviour (HTTP, retries, split
/// streams) is tested against the loopback FakeProviderServer instead.
final class ScriptedTransport: UpstreamTransport {
    enum Failure: Sendable {
        case status(Int)
        /// The stream delivers this many events, then breaks.
        case breakStreamAfter(events: Int)
    }

    private struct State {
        var calls = 0
        var failures: [Failure] = []
        var bodies: [[UInt8]] = []
    }

    private let state = Mutex(State())
    let delay: Duration

    init(delay: Duration = .zero) {
        self.delay = delay
    }

    var callCount: Int { state.withLock { $0.calls } }
    var sentBodies: [[UInt8]] { state.withLock { $0.bodies } }

    /// Queues failures for the next calls, in order.
    func failNext(_ failures: Failure...) {
        state.withLock { $0.failures += failures }
    }

    private func begin(_ request: UpstreamRequest) -> Failure? {
        state.withLock { state in
            state.calls += 1
            state.bodies.append(request.body)
            return state.failures.isEmpty ? nil : state.failures.removeFirst()
        }
    }

    func send(_ request: UpstreamRequest) async throws -> UpstreamResponse {
        let failure = begin(request)
        if delay > .zero { try await Task.sleep(for: delay) }
        if case .status(let status) = failure {
            throw GatewayError(.upstreamStatus(status), provider: request.provider, requestId: request.requestId, message: "scripted failure")
        }
        let body = request.provider == .openai ? ResponseSamples.openAIChatBody : ResponseSamples.anthropicMessagesBody
        return UpstreamResponse(status: 200, headers: [], body: Array(body.utf8))
    }

    func openStream(_ request: UpstreamRequest) async throws -> UpstreamEventStream {
        let failure = begin(request)
        if delay > .zero { try await Task.sleep(for: delay) }
        if case .status(let status) = failure {
            throw GatewayError(.upstreamStatus(status), provider: request.provider, requestId: request.requestId, message: "scripted failure")
        }
        var parser = SSEParser()
        var events = parser.feed(Array((request.provider == .openai ? SSESamples.openAIChat : SSESamples.anthropicMessages).utf8))
        var breaks = false
        if case .breakStreamAfter(let count) = failure {
            events = Array(events.prefix(count))
            breaks = true
        }
        let (stream, continuation) = AsyncThrowingStream<ServerSentEvent, any Error>.makeStream()
        for event in events { continuation.yield(event) }
        if breaks {
            continuation.finish(throwing: GatewayError(.streamInterrupted, provider: request.provider, message: "connection reset"))
        } else {
            continuation.finish()
        }
        return UpstreamEventStream(status: 200, headers: [], events: stream)
    }
}
