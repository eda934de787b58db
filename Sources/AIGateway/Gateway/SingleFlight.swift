import AIGatewayCore
import NIOCore
import NIOCore
import NIOPosix
import Synchronization

/// At most one upstream call per key in flight: the first caller leads, later ones wait for
/// its result.
///
/// A leader that fails releases its followers instead of handing them its error: the error
/// may be specific to the leader (its deadline, its cancellation), and each follower is
/// entitled to its own attempt.
///
/// A follower never waits longer than its own request allows: when its task is cancelled (its
/// client left) it is taken off the flight and gets `CancellationError` at once, and when it has
/// waited the leader's own deadline it is told to go ahead alone (``Shared/abandoned``), so a
/// stalled leader cannot park every identical request behind it.
final class SingleFlight<Value: Sendable>: Sendable {
    enum Shared: Sendable {
        /// The leader's result, to be served as this caller's answer.
        case value(Value)
        /// The leader failed or gave up; try on your own.
        case released
        /// The leader did not finish within the wait allowed; call upstream without leading
        /// (the leader still holds the key).
        case abandoned
    }

    private typealias Follower = (id: Int, continuation: CheckedContinuation<Shared?, any Error>)

    private struct Flights {
        var followers: [CacheKey: [Follower]] = [:]
        var nextFollower = 0
    }

    private let flights = Mutex(Flights())

    /// Returns nil when the caller is now the leader for `key` (and must call ``finish``),
    /// otherwise waits for the leader, at most `limit`, and returns what it shared.
    ///
    /// - Throws: `CancellationError` when the caller's task is cancelled while it waits.
    func join(_ key: CacheKey, waitingAtMost limit: Duration) async throws -> Shared? {
        // The leader's path stays as cheap as before: no timer.
        let leads = flights.withLock { flights in
            guard flights.followers[key] == nil else { return false }
            flights.followers[key] = []
            return true
        }
        if leads { return nil }
        let id = flights.withLock { flights in
            defer { flights.nextFollower += 1 }
            return flights.nextFollower
        }
        // Past the limit the follower is taken off the flight and resumed with `.abandoned`; if
        // the flight ended first there is nobody left to take off. A NIO timer, cancelled as soon
        // as the follower is resumed, rather than a sleeping task: on Linux a cancelled
        // `Task.sleep` keeps its task and timer alive until its deadline, here 600 s per follower.
        let timer = MultiThreadedEventLoopGroup.singleton.any().scheduleTask(in: .nanoseconds(limit.totalNanoseconds)) {
            self.remove(id, from: key)?.resume(returning: .abandoned)
        }
        defer { timer.cancel() }
        return try await follow(key, id: id)
    }

    /// Waits as follower `id` of `key`, or leads when the flight ended before it could join.
    private func follow(_ key: CacheKey, id: Int) async throws -> Shared? {
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                let leads = flights.withLock { flights in
                    if flights.followers[key] == nil {
                        flights.followers[key] = []
                        return true
                    }
                    flights.followers[key]!.append((id, continuation))
                    return false
                }
                if leads {
                    continuation.resume(returning: nil)
                } else if Task.isCancelled {
                    // Cancelled before it joined: the handler found nothing to remove.
                    remove(id, from: key)?.resume(throwing: CancellationError())
                }
            }
        } onCancel: {
            remove(id, from: key)?.resume(throwing: CancellationError())
        }
    }

    /// Takes follower `id` off `key`'s flight; nil when it is no longer waiting (the flight
    /// ended, or it was already taken off), so exactly one party resumes it.
    private func remove(_ id: Int, from key: CacheKey) -> CheckedContinuation<Shared?, any Error>? {
        flights.withLock { flights in
            guard let index = flights.followers[key]?.firstIndex(where: { $0.id == id }) else { return nil }
            return flights.followers[key]!.remove(at: index).continuation
        }
    }

    /// Ends the leader's flight: followers get `value`, or are released when it is nil.
    func finish(_ key: CacheKey, with value: Value?) {
        let followers = flights.withLock { $0.followers.removeValue(forKey: key) } ?? []
        for follower in followers {
            follower.continuation.resume(returning: value.map { .value($0) } ?? .released)
        }
    }

    /// How many callers wait on `key`'s flight (nil: none in flight). For tests.
    func followerCount(_ key: CacheKey) -> Int? {
        flights.withLock { $0.followers[key]?.count }
    }
}
