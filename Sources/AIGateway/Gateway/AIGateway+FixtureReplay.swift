import AIGatewayCore
import AIGatewayStore

extension AIGateway {
    /// A fixture as the answer to `prepared`, in the same shape as a cache hit so that the hit
    /// path's rendering serves it: JSON bytes or SSE bytes with a summary for the other form.
    /// A recorded error status is thrown as the provider's error.
    func outcome(of fixture: Fixture, prepared: PreparedCall, status: CacheStatus,
                 started: ContinuousClock.Instant) throws -> CompletionOutcome {
        let requestId = prepared.call.requestId
        let provider = prepared.provider
        // Anthropic answers carry no time; the recording's keeps an OpenAI rendering stable.
        let created = FixtureClock.unixSeconds(fixture.recordedAt)
        let format: ResponseFormat
        let body: [UInt8]
        var summary: ResponseSummary
        switch fixture.response.content {
        case .json(let value):
            format = .json
            body = value.minifiedAsWritten()
            summary = try decodeSummary(body, provider: provider, requestId: requestId, createdIfMissing: created)
        case .events(let events):
            format = .sse
            body = FixtureEvents.bytes(events)
            summary = try Self.summary(of: events, provider: provider, requestId: requestId)
            if summary.created == nil { summary.created = created }
        case .error(let type, let code, let message, let retryAfterMs):
            throw GatewayError(.upstreamStatus(fixture.response.status), provider: provider, requestId: requestId,
                               providerErrorType: type, providerErrorCode: code, message: message,
                               retryAfter: retryAfterMs.map { Duration.milliseconds($0) })
        }
        return CompletionOutcome(
            requestId: requestId, provider: provider, model: summary.model,
            cacheStatus: status, key: fixture.key, summary: summary,
            responseFormat: format, responseBody: body,
            cost: status == .hit ? .zero : fixture.cost, originalCost: fixture.cost,
            latency: ContinuousClock.now - started, timestampMs: Self.nowMs()
        )
    }

    private static func summary(of events: [ServerSentEvent], provider: Provider, requestId: String) throws -> ResponseSummary {
        var accumulator = StreamAccumulator(provider)
        do {
            for event in events { try accumulator.add(event) }
            guard accumulator.isComplete else {
                throw GatewayError(.invalidResponse, provider: provider, requestId: requestId,
                                   message: "the fixture's stream has no end-of-stream event")
            }
            return try accumulator.summary()
        } catch let error as GatewayError {
            throw error
        } catch {
            throw GatewayError(.invalidResponse, provider: provider, requestId: requestId, message: "the fixture's stream could not be read: \(error)")
        }
    }
}
