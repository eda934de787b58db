import AIGatewayCore

extension AIGateway {
    /// A non-stream call in a fixtures mode: replayed from its fixture, or sent to the provider
    /// and recorded. The cache store takes no part (see `docs/fixtures.md`).
    func answerFromFixtures(_ prepared: PreparedCall, key: CacheKey, session: FixtureSession,
                            started: ContinuousClock.Instant) async throws -> CompletionOutcome {
        switch session.nextTurn(for: key) {
        case .replay(let entry):
            return try outcome(of: entry.fixture, prepared: prepared, status: .hit, started: started)
        case .miss:
            throw missError(prepared, key: key, session: session)
        case .record(let sequence):
            var upstream = prepared.call.upstream
            upstream.stream = false
            let response: UpstreamResponse
            do {
                response = try await transport.send(upstream)
            } catch let error as GatewayError {
                throw try await recordFailure(error, prepared: prepared, key: key, sequence: sequence, session: session)
            }
            let summary = try decodeSummary(response.body, provider: prepared.provider, requestId: prepared.call.requestId)
            // The summary decoded, so the body is JSON.
            let body = (try? JSONParser.parse(response.body, limits: .fixtureFiles)) ?? .null
            let cost = cost(model: summary.model.isEmpty ? prepared.call.model : summary.model, usage: summary.usage)
            let fixture = try makeFixture(prepared, key: key, sequence: sequence, usage: summary.usage, cost: cost,
                                          response: FixtureResponse(status: response.status, headers: FixtureResponse.keptHeaders(response.headers),
                                                                    content: .json(body)))
            // Answered as the fixture will replay it, so recording and replay give the same bytes.
            return try outcome(of: try await keep(fixture, session: session, prepared: prepared), prepared: prepared, status: .miss, started: started)
        }
    }

    /// A stream call in a fixtures mode: a fixture replayed as the provider's events, or the
    /// provider's stream forwarded (normalized) and recorded after its clean end.
    func streamFromFixtures(_ prepared: PreparedCall, key: CacheKey, session: FixtureSession,
                            started: ContinuousClock.Instant) async throws -> CompletionEventStream {
        switch session.nextTurn(for: key) {
        case .replay(let entry):
            return replay(try outcome(of: entry.fixture, prepared: prepared, status: .hit, started: started), prepared: prepared)
        case .miss:
            throw missError(prepared, key: key, session: session)
        case .record(let sequence):
            let events: UpstreamEventStream
            do {
                events = try await transport.openStream(streamRequest(prepared))
            } catch let error as GatewayError {
                throw try await recordFailure(error, prepared: prepared, key: key, sequence: sequence, session: session)
            }
            let recording = StreamRecording(session: session, key: key, sequence: sequence,
                                            headers: FixtureResponse.keptHeaders(events.headers), status: events.status)
            return forwarding(events, prepared: prepared, status: .miss, leadsFlight: false, started: started, recording: recording)
        }
    }

    /// The error for a request that cannot be keyed, which no fixture can answer.
    func unkeyableInReplay(_ prepared: PreparedCall) -> GatewayError {
        GatewayError(.fixtureNotFound, provider: prepared.provider, requestId: prepared.call.requestId,
                     message: "this request cannot be keyed (\(prepared.bypassReason ?? "not cacheable")), so no fixture can answer it, and fixtures replay mode never calls the provider")
    }

    /// Records a recorded stream's answer once it has ended cleanly.
    func keepRecordedStream(_ outcome: CompletionOutcome, prepared: PreparedCall, recording: StreamRecording) async throws {
        var parser = SSEParser()
        let events = parser.feed(outcome.responseBody).map(FixtureEvents.encoded)
        let fixture = try makeFixture(prepared, key: recording.key, sequence: recording.sequence,
                                      usage: outcome.summary.usage, cost: outcome.originalCost,
                                      response: FixtureResponse(status: recording.status, headers: recording.headers, content: .events(events)))
        _ = try await keep(fixture, session: recording.session, prepared: prepared)
    }

    /// An error status from the provider is an answer worth replaying: it is recorded, then
    /// passed on. Failures without a status (unreachable, timeout) are not recorded.
    private func recordFailure(_ error: GatewayError, prepared: PreparedCall, key: CacheKey, sequence: Int,
                               session: FixtureSession) async throws -> GatewayError {
        guard let status = error.status else { return error }
        let retryAfterMs = error.retryAfter.map { Int($0.totalNanoseconds / 1_000_000) }
        let fixture = try makeFixture(prepared, key: key, sequence: sequence, usage: nil, cost: nil,
                                      response: FixtureResponse(status: status, content: .error(type: error.providerErrorType, code: error.providerErrorCode, message: error.message,
                                                                                                retryAfterMs: retryAfterMs)))
        _ = try await keep(fixture, session: session, prepared: prepared)
        return error
    }

    private func makeFixture(_ prepared: PreparedCall, key: CacheKey, sequence: Int, usage: BilledTokens?, cost: USD?,
                             response: FixtureResponse) throws -> Fixture {
        guard var request = prepared.canonical else { throw unkeyableInReplay(prepared) }
        // One fixture answers both forms; the flag is not part of the key.
        request.wantsStream = false
        return Fixture(key: key, sequence: sequence, scope: prepared.call.scope, request: request,
                       recordedAt: FixtureClock.text(unixMs: Self.nowMs()), response: response, usage: usage, cost: cost)
    }

    /// Writes the fixture off the cooperative pool, like a cache entry.
    private func keep(_ fixture: Fixture, session: FixtureSession, prepared: PreparedCall) async throws -> Fixture {
        do {
            return try await Self.offloaded { try session.keep(fixture) }
        } catch let error as FixtureError {
            throw GatewayError(.fixtureFailed, provider: prepared.provider, requestId: prepared.call.requestId, message: "\(error)")
        }
    }

    private func missError(_ prepared: PreparedCall, key: CacheKey, session: FixtureSession) -> GatewayError {
        let request = prepared.canonical ?? CanonicalRequest(provider: prepared.provider, endpoint: prepared.call.upstream.path,
                                                             model: prepared.call.model, headers: [], body: [], wantsStream: false)
        let miss = FixtureMiss(key: key, scope: prepared.call.scope, request: request,
                               directory: session.settings.directory, recordCommand: session.settings.recordCommand)
        return GatewayError(.fixtureNotFound, provider: prepared.provider, requestId: prepared.call.requestId,
                            message: miss.message(among: session.directory.all))
    }
}

/// Where a stream being recorded goes once it has ended cleanly.
struct StreamRecording: Sendable {
    var session: FixtureSession
    var key: CacheKey
    var sequence: Int
    var headers: [String: String]
    var status: Int
}
