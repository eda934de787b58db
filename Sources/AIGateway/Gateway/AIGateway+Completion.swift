import AIGatewayCore
import AIGatewayStore
import Logging

extension AIGateway {
    /// Answers a non-stream call: from the cache when it can, else from the provider (one
    /// upstream call per key in flight), storing the answer for next time.
    public func complete(_ call: CompletionCall) async throws -> CompletionOutcome {
        let started = ContinuousClock.now
        let prepared = try prepare(call, started: started)
        do {
            let outcome = try await answer(prepared, started: started)
            record(outcome, call: call)
            return outcome
        } catch {
            record(error, call: call, cache: prepared.failureStatus, latency: ContinuousClock.now - started)
            throw error
        }
    }

    /// The stored answer to `call`, when the store has one it may serve: recorded as a hit and
    /// returned without waiting on anything (no upstream call, no flight, no fixtures). Nil, with
    /// nothing recorded or logged, for everything else (a miss, a bypass, `no-cache`, a store
    /// that cannot be read, fixtures configured), which ``complete(_:)`` then answers from the
    /// start. The server calls this on the event loop that read the request; see
    /// `docs/server.md`, "Hits on the event loop".
    public func completeFromStore(_ call: CompletionCall, started: ContinuousClock.Instant = .now) -> CompletionOutcome? {
        guard let hit = storedHit(call, started: started) else { return nil }
        record(hit.outcome, call: call)
        return hit.outcome
    }

    /// The stored answer ``completeFromStore(_:started:)`` and ``completeStreamFromStore(_:started:)``
    /// serve, not yet recorded; nil whenever the ordinary path must decide.
    ///
    /// A miss here is not counted in the store's statistics: the ordinary path, which answers the
    /// request next, looks it up again and counts it, so each request counts once.
    func storedHit(_ call: CompletionCall, started: ContinuousClock.Instant) -> (outcome: CompletionOutcome, prepared: PreparedCall)? {
        guard fixtures == nil, call.cache.read,
              let prepared = try? PreparedCall(call), prepared.usesCache, let key = prepared.key,
              let outcome = try? storedOutcome(prepared, key: key, started: started, countingMiss: false)
        else { return nil }
        return (outcome, prepared)
    }

    /// The call canonicalized and keyed; a request that cannot be read is logged and counted.
    func prepare(_ call: CompletionCall, started: ContinuousClock.Instant) throws -> PreparedCall {
        do {
            return try PreparedCall(call)
        } catch {
            record(error, call: call, cache: .bypass, latency: ContinuousClock.now - started)
            throw error
        }
    }

    private func answer(_ prepared: PreparedCall, started: ContinuousClock.Instant) async throws -> CompletionOutcome {
        if let fixtures {
            if let key = prepared.key { return try await answerFromFixtures(prepared, key: key, session: fixtures, started: started) }
            if fixtures.mode == .replay { throw unkeyableInReplay(prepared) }
        }
        switch try await resolve(prepared, started: started) {
        case .answered(let outcome):
            return outcome
        case .upstream(let status, leadsFlight: false):
            return try await callUpstream(prepared, status: status, started: started).outcome
        case .upstream(let status, leadsFlight: true):
            do {
                let answered = try await callUpstream(prepared, status: status, started: started)
                if answered.outcome.cacheStatus == .bypass {
                    // Not stored, and not to be rendered for a follower in another form.
                    endFlight(of: prepared)
                } else if let key = prepared.key {
                    finishFlight(key, with: answered.outcome, after: answered.stored)
                }
                return answered.outcome
            } catch {
                endFlight(of: prepared)
                throw error
            }
        }
    }

    /// The longest a follower waits for a flight: the leader's own deadline (the upstream
    /// timeout). A leader still running then has stalled, and the follower goes upstream
    /// itself rather than fail a call it never made (see `docs/library.md`).
    var followerWaitLimit: Duration { configuration.retryPolicy.deadline }

    /// Ends the flight of `key` with `outcome` once its entry is committed (at once when there is
    /// none). The caller answers without waiting for the commit (an fsync); followers that join
    /// in the meantime wait for it and are served the same answer, so nobody misses an entry
    /// that is about to land.
    func finishFlight(_ key: CacheKey, with outcome: CompletionOutcome, after stored: EntryWriter.Ticket?) {
        guard let stored else {
            flights.finish(key, with: outcome)
            return
        }
        Task {
            await entryWriter.wait(for: stored)
            flights.finish(key, with: outcome)
        }
    }

    /// A stored answer, when reading is allowed and one fits. A store or entry that cannot be
    /// read costs a miss, never the request, and is logged.
    func lookup(_ prepared: PreparedCall, key: CacheKey, started: ContinuousClock.Instant,
                countingMiss: Bool = true) -> CompletionOutcome? {
        guard prepared.call.cache.read else { return nil }
        do {
            return try storedOutcome(prepared, key: key, started: started, countingMiss: countingMiss)
        } catch let error as ResponseDecodingError {
            logger.warning("cache.summary_unreadable", metadata: ["aigw.cache_key": "\(key.hex)", "aigw.error": "\(error)"])
        } catch {
            logger.warning("cache.lookup_failed", metadata: ["aigw.request_id": "\(prepared.call.requestId)", "aigw.error": "\(error)"])
        }
        return nil
    }

    /// The stored answer to `prepared` as a hit, nil when there is none (or it is too old); throws
    /// when the store or the entry's summary cannot be read.
    private func storedOutcome(_ prepared: PreparedCall, key: CacheKey, started: ContinuousClock.Instant,
                               countingMiss: Bool) throws -> CompletionOutcome? {
        let result = try store.lookup(key, document: prepared.document, maxAge: prepared.call.cache.maxAge,
                                      countingMiss: countingMiss)
        guard case .hit(let entry) = result else { return nil }
        let summary = try storedSummaries.summary(for: key, stored: entry.summary)
        return CompletionOutcome(
            requestId: prepared.call.requestId, provider: prepared.provider, model: summary.model,
            cacheStatus: .hit, key: key, summary: summary,
            responseFormat: entry.responseFormat, responseBody: entry.responseBody,
            cost: .zero, originalCost: entry.cost,
            latency: ContinuousClock.now - started, timestampMs: Self.nowMs()
        )
    }

    /// A follower's answer: the leader's, at no cost to this request.
    func servedFromFlight(_ shared: CompletionOutcome, for prepared: PreparedCall, started: ContinuousClock.Instant) -> CompletionOutcome {
        var outcome = shared
        outcome.requestId = prepared.call.requestId
        outcome.cacheStatus = .hit
        outcome.cost = .zero
        outcome.latency = ContinuousClock.now - started
        outcome.timestampMs = Self.nowMs()
        return outcome
    }

    /// The provider's answer, and for a miss the ticket of its entry's commit (queued, not
    /// awaited: see ``finishFlight(_:with:after:)``).
    private func callUpstream(_ prepared: PreparedCall, status: CacheStatus,
                              started: ContinuousClock.Instant) async throws -> (outcome: CompletionOutcome, stored: EntryWriter.Ticket?) {
        var upstream = prepared.call.upstream
        upstream.stream = false
        // Backpressure: an answer to store is not fetched while the entry writer is full.
        if status == .miss, prepared.call.cache.write { await entryWriter.waitForRoom() }
        let response = try await transport.send(upstream)
        var status = status
        var bypassReason = prepared.bypassReason
        let summary: ResponseSummary
        do {
            summary = try decodeSummary(response.body, provider: prepared.provider, requestId: prepared.call.requestId,
                                        throwingGaps: true)
        } catch let gap as UnsummarizedAnswer {
            // A good answer the summary cannot hold: passed on as it came, never stored.
            summary = .unsummarized(response.body, provider: prepared.provider)
            status = .bypass
            bypassReason = Self.unsummarizedReason(gap.what)
        }
        let cost = cost(model: summary.model.isEmpty ? prepared.call.model : summary.model, usage: summary.usage)
        let outcome = CompletionOutcome(
            requestId: prepared.call.requestId, provider: prepared.provider, model: summary.model,
            cacheStatus: status, key: prepared.key, bypassReason: bypassReason, summary: summary,
            responseFormat: .json, responseBody: response.body,
            cost: cost, originalCost: cost,
            latency: ContinuousClock.now - started, timestampMs: Self.nowMs()
        )
        let stored = status == .miss ? save(outcome, prepared: prepared, status: response.status) : nil
        return (outcome, stored)
    }

    /// Why an answer was passed on without being stored: the summary cannot hold `what`.
    static func unsummarizedReason(_ what: String) -> String {
        "the answer holds \(what), which the cache cannot replay"
    }

    /// Throws a ``GatewayError`` for an answer that cannot be read or (without `throwingGaps`)
    /// summarized; with `throwingGaps`, ``UnsummarizedAnswer`` for a good answer the summary
    /// cannot hold whole.
    func decodeSummary(_ body: [UInt8], provider: Provider, requestId: String, createdIfMissing: Int? = nil,
                       throwingGaps: Bool = false) throws -> ResponseSummary {
        do {
            var summary = switch provider {
            case .openai: try ResponseSummary(openAIChatCompletion: body)
            case .anthropic: try ResponseSummary(anthropicMessage: body)
            }
            // Anthropic gives no creation time; stamp one so an OpenAI rendering has it.
            if summary.created == nil { summary.created = createdIfMissing ?? Int(Self.nowMs() / 1_000) }
            return summary
        } catch .unsupported(let what) where throwingGaps {
            throw UnsummarizedAnswer(what: what)
        } catch {
            throw GatewayError(.invalidResponse, provider: provider, requestId: requestId, message: "the provider's answer could not be read: \(error)")
        }
    }

    /// Queues an answer for the next group commit when the policy allows, and returns its
    /// ticket; a store failure is logged, never the caller's.
    func save(_ outcome: CompletionOutcome, prepared: PreparedCall, status: Int) -> EntryWriter.Ticket? {
        guard prepared.call.cache.write, let key = prepared.key else { return nil }
        let entry = CacheEntry(
            key: key,
            keyDocument: prepared.document,
            tenant: prepared.call.scope.tenant ?? "",
            provider: prepared.provider.rawValue,
            model: outcome.summary.model.isEmpty ? prepared.call.model : outcome.summary.model,
            endpoint: prepared.call.upstream.path,
            createdAtMs: outcome.timestampMs,
            expiresAtMs: prepared.call.cache.maxAge.map { outcome.timestampMs + $0.milliseconds },
            responseFormat: outcome.responseFormat,
            responseStatus: status,
            responseBody: outcome.responseBody,
            summary: outcome.summary.encoded(),
            usage: outcome.summary.usage,
            cost: outcome.originalCost
        )
        return entryWriter.enqueue(entry)
    }

    /// One group of entries in one transaction. When the group fails, each entry is tried on its
    /// own, so one bad entry cannot cost the others their place in the cache.
    static func commit(_ entries: [CacheEntry], to store: CacheStore, logger: Logger) async {
        do {
            try await offloaded { try store.put(contentsOf: entries) }
            return
        } catch where entries.count > 1 {
            for entry in entries { await commit([entry], to: store, logger: logger) }
        } catch {
            logger.error("cache.store_failed", metadata: ["aigw.cache_key": "\(entries[0].key.hex)", "aigw.error": "\(error)"])
        }
    }
}

/// A good provider answer that ``ResponseSummary`` cannot hold whole (`what` says which part).
struct UnsummarizedAnswer: Error {
    var what: String
}
