import AIGatewayCore

extension AIGateway {
    /// Answers a streaming call: a hit replays the stored answer as the provider's SSE
    /// events; a miss forwards the provider's stream as it arrives and stores it after a clean
    /// finish. Identical calls in flight share one upstream stream: followers wait for the
    /// leader's answer and replay it.
    public func completeStream(_ call: CompletionCall) async throws -> CompletionEventStream {
        let started = ContinuousClock.now
        let prepared = try prepare(call, started: started)
        do {
            return try await openStream(prepared, started: started)
        } catch {
            record(error, call: call, cache: prepared.failureStatus, latency: ContinuousClock.now - started)
            throw error
        }
    }

    /// ``completeFromStore(_:started:)`` for a streaming call: the stored answer as a replayed
    /// stream (all its events known at once, ``CompletionEventStream/replayedEvents``),
    /// recorded as a hit; nil for everything ``completeStream(_:)`` must answer.
    public func completeStreamFromStore(_ call: CompletionCall, started: ContinuousClock.Instant = .now) -> CompletionEventStream? {
        storedHit(call, started: started).map { replay($0.outcome, prepared: $0.prepared) }
    }

    private func openStream(_ prepared: PreparedCall, started: ContinuousClock.Instant) async throws -> CompletionEventStream {
        if let fixtures {
            if let key = prepared.key { return try await streamFromFixtures(prepared, key: key, session: fixtures, started: started) }
            if fixtures.mode == .replay { throw unkeyableInReplay(prepared) }
        }
        switch try await resolve(prepared, started: started) {
        case .answered(let outcome):
            return replay(outcome, prepared: prepared)
        case .upstream(let status, let leadsFlight):
            do {
                // A leading stream ends its flight itself, when the stream ends.
                return try await liveStream(prepared, status: status, leadsFlight: leadsFlight, started: started)
            } catch {
                if leadsFlight { endFlight(of: prepared) }
                throw error
            }
        }
    }

    private func liveStream(_ prepared: PreparedCall, status: CacheStatus, leadsFlight: Bool,
                            started: ContinuousClock.Instant) async throws -> CompletionEventStream {
        // Backpressure: an answer to store is not fetched while the entry writer is full.
        if status == .miss, prepared.call.cache.write { await entryWriter.waitForRoom() }
        let events = try await transport.openStream(streamRequest(prepared))
        return forwarding(events, prepared: prepared, status: status, leadsFlight: leadsFlight, started: started)
    }

    /// The provider request for `prepared` as a stream. The usage prices the answer and lets a
    /// stored stream serve a client that asks for it; a client that did not ask is answered
    /// without it (`LiveUpstreamStream`).
    func streamRequest(_ prepared: PreparedCall) -> UpstreamRequest {
        var upstream = prepared.call.upstream
        upstream.stream = true
        if prepared.streamUsage == false { upstream.body = OpenAIStreamOptions.requestingUsage(upstream.body) }
        return upstream
    }

    /// The provider's open stream `events`, forwarded to the caller as it arrives; kept as a
    /// cache entry, or with `recording` as a fixture, at its clean end.
    func forwarding(_ events: UpstreamEventStream, prepared: PreparedCall, status: CacheStatus, leadsFlight: Bool,
                    started: ContinuousClock.Instant, recording: StreamRecording? = nil) -> CompletionEventStream {
        let finished = FinishedOutcome()
        let live = LiveUpstreamStream(gateway: self, prepared: prepared, upstream: events, status: status,
                                      leadsFlight: leadsFlight, started: started, finished: finished, recording: recording)
        return CompletionEventStream(requestId: prepared.call.requestId, provider: prepared.provider,
                                     cacheStatus: status, key: prepared.key, source: .live(live), finished: finished,
                                     usageChunk: prepared.streamUsage, bypassReason: prepared.bypassReason)
    }

    /// A stored or shared answer as the provider's own stream events.
    func replay(_ outcome: CompletionOutcome, prepared: PreparedCall) -> CompletionEventStream {
        record(outcome, call: prepared.call)
        return CompletionEventStream(requestId: outcome.requestId, provider: outcome.provider, cacheStatus: outcome.cacheStatus,
                                     key: outcome.key, source: .replay(outcome), finished: FinishedOutcome(outcome),
                                     usageChunk: prepared.streamUsage)
    }

    /// The outcome's stream as SSE bytes: what writing ``events(of:)`` out gives.
    ///
    /// A stream kept as one (the store's `.sse` entries, a fixture's events) is returned as kept,
    /// without parsing it: every writer keeps a stream whole (ended by a blank line) as the
    /// concatenation of its events' raw bytes (`LiveUpstreamStream`, `Fixture.cacheEntry`), and
    /// that is exactly what parsing it and writing the events back gives. The parse is what a
    /// long stream's hit cost: about 1.6 ms of CPU for a 500-event answer, against 0.1 ms for
    /// the same entry served as JSON.
    ///
    /// `usageChunk` renders an OpenAI stream with or without its usage chunk (nil: as stored);
    /// for kept bytes only their tail is read to do so.
    static func streamBytes(of outcome: CompletionOutcome, usageChunk: Bool? = nil) -> [UInt8] {
        if outcome.responseFormat == .sse, Self.endsWithBlankLine(outcome.responseBody) {
            guard let usageChunk, outcome.provider == .openai else { return outcome.responseBody }
            return OpenAIUsageChunk.rendering(outcome.responseBody, included: usageChunk, summary: outcome.summary)
        }
        let writer = SSEWriter()
        // Parsed events write their raw bytes; rendered ones cannot fail to encode.
        return events(of: outcome, usageChunk: usageChunk).flatMap { (try? $0.bytes(writtenBy: writer)) ?? [] }
    }

    /// Whether `bytes` end with an empty line, so that no event is left half-read.
    private static func endsWithBlankLine(_ bytes: [UInt8]) -> Bool {
        let lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")
        return bytes.suffix(2).elementsEqual([lf, lf]) || bytes.suffix(2).elementsEqual([cr, cr])
            || bytes.suffix(4).elementsEqual([cr, lf, cr, lf])
    }

    /// The outcome's stream events: the recorded ones when it was recorded as a stream,
    /// otherwise rendered from its summary. `usageChunk` as in ``streamBytes(of:usageChunk:)``,
    /// whose rendering of the kept bytes these events are parsed from.
    static func events(of outcome: CompletionOutcome, usageChunk: Bool? = nil) -> [ServerSentEvent] {
        if outcome.responseFormat == .sse {
            let bytes = if let usageChunk, outcome.provider == .openai {
                OpenAIUsageChunk.rendering(outcome.responseBody, included: usageChunk, summary: outcome.summary)
            } else {
                outcome.responseBody
            }
            var parser = SSEParser()
            let events = parser.feed(bytes)
            if !parser.finish().isTruncated, !events.isEmpty { return events }
        }
        switch outcome.provider {
        case .openai: return outcome.summary.openAIChatCompletionChunks(includeUsage: usageChunk ?? true)
        case .anthropic: return outcome.summary.anthropicMessageStream()
        }
    }
}
