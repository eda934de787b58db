import Synchronization

/// At most one upstream call per key in flight: the first caller leads, later ones wait for
/// its result.
///
/// A leader that fails releases its followers instead of handing them its error: the error
/// may be specific to the leader (its deadline, its cancellation), and each follower is
/// entitled to its own attempt.
final class SingleFlight<Value: Sendable>: Sendable {
    enum Shared: Sendable {
        /// The leader's result, to be served as this caller's answer.
        case value(Value)
        /// The leader failed or gave up; try on your own.
        case released
    }

    private let waiting = Mutex<[CacheKey: [CheckedContinuation<Shared?, Never>]]>([:])

    /// Returns nil when the caller is now the leader for `key` (and must call ``finish``),
    /// otherwise waits for the leader and returns what it shared.
    func join(_ key: CacheKey) async -> Shared? {
        await withCheckedContinuation { continuation in
            let leads = waiting.withLock { flights in
                if flights[key] == nil {
                    flights[key] = []
                    return true
                }
                flights[key]!.append(continuation)
                return false
            }
            if leads { continuation.resume(returning: nil) }
        }
    }

    /// Ends the leader's flight: followers get `value`, or are released when it is nil.
    func finish(_ key: CacheKey, with value: Value?) {
        let followers = waiting.withLock { $0.removeValue(forKey: key) } ?? []
        for follower in followers {
            follower.resume(returning: value.map { .value($0) } ?? .released)
        }
    }
}
