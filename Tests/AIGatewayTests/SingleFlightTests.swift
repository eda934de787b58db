@testable import AIGateway
import Testing

@Suite struct SingleFlightTests {
    private let key = CacheKey(high: 1, low: 2)

    /// Joins `key` as a follower in a task of its own, once a leader holds the flight.
    private func follower(of flight: SingleFlight<Int>, limit: Duration) async throws -> Task<SingleFlight<Int>.Shared?, any Error> {
        let key = key
        let task = Task { try await flight.join(key, waitingAtMost: limit) }
        _ = try await pollUntil({ flight.followerCount(key) }, until: { $0 == 1 })
        return task
    }

    @Test func followersGetTheLeadersValue() async throws {
        let flight = SingleFlight<Int>()
        #expect(try await flight.join(key, waitingAtMost: .seconds(600)) == nil)
        let waiting = try await follower(of: flight, limit: .seconds(600))
        flight.finish(key, with: 42)
        guard case .value(42)? = try await waiting.value else {
            Issue.record("the follower was not served the leader's value")
            return
        }
    }

    @Test func aFollowerWhoseTaskIsCancelledIsReleasedAtOnce() async throws {
        let flight = SingleFlight<Int>()
        #expect(try await flight.join(key, waitingAtMost: .seconds(600)) == nil)
        let waiting = try await follower(of: flight, limit: .seconds(600))
        let cancelled = ContinuousClock.now
        waiting.cancel()
        // The leader never finishes before this, so being resumed at all proves the release; the
        // bound is loose because the whole suite shares two cores.
        await #expect(throws: CancellationError.self) { try await waiting.value }
        #expect(ContinuousClock.now - cancelled < .seconds(30))
        #expect(flight.followerCount(key) == 0)
        // The leader finishing later resumes nobody twice.
        flight.finish(key, with: 1)
    }

    @Test func aFollowerWaitsAtMostItsLimit() async throws {
        let flight = SingleFlight<Int>()
        #expect(try await flight.join(key, waitingAtMost: .seconds(600)) == nil)
        let started = ContinuousClock.now
        let waiting = try await follower(of: flight, limit: .milliseconds(200))
        guard case .abandoned? = try await waiting.value else {
            Issue.record("the follower was not told to go ahead alone")
            return
        }
        // As above: the leader finishes only after this, so `.abandoned` proves the limit.
        #expect(ContinuousClock.now - started < .seconds(30))
        #expect(flight.followerCount(key) == 0)
        flight.finish(key, with: 1)
    }
}

/// The flights of the gateway itself: followers of a stalled leader are not parked behind it.
@Suite struct GatewayFollowerTests {
    @Test func aFollowerWhoseClientLeavesIsReleasedAtOnce() async throws {
        let transport = ScriptedTransport(delay: .seconds(10))
        try await withGateway(transport: transport) { gateway in
            let leader = Task { try await gateway.generateText(weatherRequest) }
            _ = try await pollUntil({ transport.callCount }, until: { $0 == 1 })
            let follower = Task { try await gateway.generateText(weatherRequest) }
            try await Task.sleep(for: .milliseconds(200))
            let left = ContinuousClock.now
            follower.cancel()
            _ = await follower.result
            // Well before the leader's answer, 10 s after it started.
            #expect(ContinuousClock.now - left < .seconds(5))
            _ = try await leader.value
            #expect(transport.callCount == 1)
        }
    }

    @Test func aFollowerWaitsNoLongerThanTheUpstreamDeadline() async throws {
        let transport = ScriptedTransport(delay: .seconds(2))
        try await withTemporaryDirectoryAsync { path in
            let configuration = AIGateway.Configuration(storePath: path, transport: transport,
                                                        retryPolicy: RetryPolicy(deadline: .milliseconds(300)))
            try await withGateway(configuration: configuration) { gateway in
                let leader = Task { try await gateway.generateText(weatherRequest) }
                _ = try await pollUntil({ transport.callCount }, until: { $0 == 1 })
                let follower = try await gateway.generateText(weatherRequest)
                // Abandoned after 300 ms, the follower made its own call rather than wait 2 s more.
                #expect(transport.callCount == 2)
                #expect(!follower.cached)
                _ = try await leader.value
            }
        }
    }
}

/// `fetch` again every 10 ms until `condition` holds for what it returns, or five seconds have
/// passed; returns the last result.
private func pollUntil<T>(_ fetch: () async throws -> T, until condition: (T) -> Bool) async throws -> T {
    let deadline = ContinuousClock.now + .seconds(5)
    while true {
        let result = try await fetch()
        if condition(result) || ContinuousClock.now > deadline { return result }
        try await Task.sleep(for: .milliseconds(10))
    }
}
