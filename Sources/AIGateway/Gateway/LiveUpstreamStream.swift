import AIGatewayCore
import NIOCore
import NIOPosix

/// A provider stream being forwarded to one consumer: each event is passed on as it arrives
/// and accumulated on the side. The answer is stored at the provider's end-of-stream event
/// (OpenAI's `[DONE]`, Anthropic's `message_stop`), before that event is passed on: a client
/// may close its connection as soon as it reads it (the OpenAI Python SDK does), and that
/// cancels whatever is still being awaited. Errors, truncation and a consumer that stops
/// before that event store nothing.
///
/// `@unchecked Sendable`: the stream is read by one consumer at a time (an async iterator is
/// never shared), so its state is only touched sequentially; the only other accesses are the
/// drain's task, which the consumer awaits, and `deinit`, after the last reference is gone.
final class LiveUpstreamStream: @unchecked Sendable {
    private struct State {
        var iterator: UpstreamEventStream.AsyncIterator
        var accumulator: StreamAccumulator
        var raw: [UInt8] = []
        /// The end-of-stream event has been read and the answer kept; what follows is drained.
        var ended = false
        var done = false
    }

    private let gateway: AIGateway
    private let prepared: PreparedCall
    private let status: CacheStatus
    /// Whether this stream leads the single flight for its key, and so must end it.
    private let leadsFlight: Bool
    private let started: ContinuousClock.Instant
    private let finished: FinishedOutcome
    /// Set in a fixtures recording mode: the answer becomes a fixture instead of a cache entry.
    private let recording: StreamRecording?
    private var state: State

    init(gateway: AIGateway, prepared: PreparedCall, upstream: UpstreamEventStream, status: CacheStatus,
         leadsFlight: Bool, started: ContinuousClock.Instant, finished: FinishedOutcome, recording: StreamRecording? = nil) {
        self.recording = recording
        self.leadsFlight = leadsFlight
        self.gateway = gateway
        self.prepared = prepared
        self.status = status
        self.started = started
        self.finished = finished
        state = State(iterator: upstream.makeAsyncIterator(), accumulator: StreamAccumulator(prepared.provider))
    }

    func next() async throws -> ServerSentEvent? {
        guard !state.done else { return nil }
        if state.ended {
            state.done = true
            await drainUpstream()
            return nil
        }
        do {
            while true {
                guard var event = try await state.iterator.next() else {
                    state.done = true
                    throw GatewayError(.streamInterrupted, provider: prepared.provider, requestId: prepared.call.requestId,
                                       message: "the provider's stream ended before its end-of-stream event")
                }
                // While recording, the client sees each event as the fixture will replay it.
                if recording != nil { event = FixtureEvents.normalized(event) }
                try state.accumulator.add(event)
                state.raw.append(contentsOf: event.rawBytes)
                if state.accumulator.isComplete {
                    state.ended = true
                    try await finish(state)
                }
                // Kept with the answer, but not sent to a client that did not ask for it.
                if prepared.streamUsage == false {
                    if state.accumulator.lastEventWasUsageChunk { continue }
                    return OpenAIUsageChunk.withoutUsageNull(event)
                }
                return event
            }
        } catch {
            state.done = true
            let failure = Self.streamError(error, prepared: prepared)
            release()
            gateway.record(failure, call: prepared.call, cache: prepared.failureStatus, latency: ContinuousClock.now - started)
            throw failure
        }
    }

    /// How long the provider may take to end its response after its end-of-stream event.
    static let drainLimit: TimeAmount = .seconds(1)

    /// Reads what is left of the provider's response after its end-of-stream event (normally
    /// only the end of the chunked body, already arrived), so its connection can be used again.
    /// The answer is already kept, so nothing here can fail it: an error or a cancelled consumer
    /// just stops. A provider that keeps the response open longer than ``drainLimit`` is not
    /// waited for, since the client's answer ends only after this: the read is cancelled, and
    /// the provider's connection closed rather than reused.
    ///
    /// The limit is a NIO timer cancelling the read, not a racing sleep, for the reason
    /// `ProviderClient.readBody` gives.
    private func drainUpstream() async {
        let reading = Task { while (try? await self.state.iterator.next()) != nil {} }
        let timer = MultiThreadedEventLoopGroup.singleton.any().scheduleTask(in: Self.drainLimit) { reading.cancel() }
        await withTaskCancellationHandler {
            await reading.value
        } onCancel: {
            reading.cancel()
        }
        timer.cancel()
    }

    private func finish(_ state: State) async throws {
        var summary = try state.accumulator.summary()
        if summary.created == nil { summary.created = Int(AIGateway.nowMs() / 1_000) }
        let cost = gateway.cost(model: summary.model.isEmpty ? prepared.call.model : summary.model, usage: summary.usage)
        // An answer the summary cannot hold whole was passed on as it came; it is not kept.
        let gap = state.accumulator.gap.map(AIGateway.unsummarizedReason)
        let outcome = CompletionOutcome(
            requestId: prepared.call.requestId, provider: prepared.provider, model: summary.model,
            cacheStatus: gap == nil ? status : .bypass, key: prepared.key, bypassReason: gap ?? prepared.bypassReason,
            summary: summary, responseFormat: .sse, responseBody: state.raw, cost: cost, originalCost: cost,
            latency: ContinuousClock.now - started, timestampMs: AIGateway.nowMs()
        )
        var stored: EntryWriter.Ticket?
        if let recording, gap == nil {
            try await gateway.keepRecordedStream(outcome, prepared: prepared, recording: recording)
        } else if status == .miss, gap == nil {
            stored = gateway.save(outcome, prepared: prepared, status: 200)
        }
        finished.set(outcome)
        if leadsFlight, let key = prepared.key {
            if gap == nil { gateway.finishFlight(key, with: outcome, after: stored) } else { release() }
        }
        gateway.record(outcome, call: prepared.call)
    }

    /// Lets waiting followers go when this stream ends without an answer.
    private func release() {
        if leadsFlight { gateway.endFlight(of: prepared) }
    }

    deinit {
        // A consumer that stopped early (disconnect, break) leaves followers waiting otherwise.
        // Once the end-of-stream event was read, `finish` has already let them go.
        if !state.done, !state.ended { release() }
    }

    private static func streamError(_ error: any Error, prepared: PreparedCall) -> any Error {
        if error is GatewayError || error is CancellationError { return error }
        if let decoding = error as? ResponseDecodingError {
            if case .providerError(_, let type, _, let message) = decoding {
                return GatewayError(.streamInterrupted, provider: prepared.provider, requestId: prepared.call.requestId,
                                    providerErrorType: type, message: message)
            }
            return GatewayError(.invalidResponse, provider: prepared.provider, requestId: prepared.call.requestId,
                                message: "the provider's stream could not be read: \(decoding)")
        }
        return GatewayError(.streamInterrupted, provider: prepared.provider, requestId: prepared.call.requestId,
                            message: String(describing: error))
    }
}
