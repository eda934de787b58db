import AIGatewayCore

extension AIGateway {
    /// How a call is to be answered: decided here once for JSON and streams alike, which then
    /// differ only in how they call the provider and render the answer.
    enum Resolution {
        /// A stored answer, or the answer of the single flight this call followed: a hit.
        case answered(CompletionOutcome)
        /// From the provider, recorded with `status`. With `leadsFlight` the call leads the single
        /// flight of its key, and must end it (``finishFlight(_:with:after:)`` or
        /// ``endFlight(of:)``) whatever happens.
        case upstream(CacheStatus, leadsFlight: Bool)
    }

    /// The cache's part in answering `prepared` (fixtures aside): a request that cannot be cached
    /// or asks for `no-cache` goes upstream; otherwise a stored answer, else the single flight of
    /// its key — followed, or led.
    ///
    /// The store counts one lookup per request: the first; looking again after winning the
    /// flight (someone may have stored the answer in between) or after a failed leader released
    /// this follower does not count a second miss.
    func resolve(_ prepared: PreparedCall, started: ContinuousClock.Instant) async throws -> Resolution {
        guard prepared.usesCache, let key = prepared.key else { return .upstream(.bypass, leadsFlight: false) }
        // `no-cache` must not be answered by anyone else's result, stored or in flight.
        guard prepared.call.cache.read else { return .upstream(.miss, leadsFlight: false) }
        var countingMiss = true
        // A follower released by a failed leader tries again, at most a few times, as a
        // leader of its own or behind a newer leader.
        for _ in 0..<3 {
            if let hit = lookup(prepared, key: key, started: started, countingMiss: countingMiss) { return .answered(hit) }
            countingMiss = false
            switch try await flights.join(key, waitingAtMost: followerWaitLimit) {
            case .value(let shared)?:
                return .answered(servedFromFlight(shared, for: prepared, started: started))
            case .released?:
                continue
            case .abandoned?:
                return .upstream(.miss, leadsFlight: false)
            case nil:
                if let hit = lookup(prepared, key: key, started: started, countingMiss: false) {
                    flights.finish(key, with: hit)
                    return .answered(hit)
                }
                return .upstream(.miss, leadsFlight: true)
            }
        }
        return .upstream(.miss, leadsFlight: false)
    }

    /// Ends the flight `prepared` leads without an answer: its followers go on their own.
    func endFlight(of prepared: PreparedCall) {
        if let key = prepared.key { flights.finish(key, with: nil) }
    }
}
