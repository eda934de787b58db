import Logging
import Synchronization

/// Group commit for new cache entries: entries that arrive while a commit is running all go into
/// the next one, so 32 concurrent misses cost one or two fsyncs instead of 32 queued one behind
/// another (LMDB has a single writer).
///
/// ``write(_:)`` returns once its entry is committed (or the commit failed, which is logged: a
/// store failure never fails a request). ``flush()`` waits until nothing is pending.
final class EntryWriter: Sendable {
    private struct State {
        var entries: [CacheEntry] = []
        var waiters: [CheckedContinuation<Void, Never>] = []
        var writing = false
        var idleWaiters: [CheckedContinuation<Void, Never>] = []
    }

    private let state = Mutex(State())
    private let commit: @Sendable ([CacheEntry]) async -> Void

    /// `commit` stores a batch in one write transaction and handles its own errors.
    init(commit: @escaping @Sendable ([CacheEntry]) async -> Void) {
        self.commit = commit
    }

    func write(_ entry: CacheEntry) async {
        await withCheckedContinuation { continuation in
            let startsDraining = state.withLock { state in
                state.entries.append(entry)
                state.waiters.append(continuation)
                defer { state.writing = true }
                return !state.writing
            }
            if startsDraining { Task { await self.drain() } }
        }
    }

    /// Returns once every entry handed to ``write(_:)`` so far has been committed or dropped.
    func flush() async {
        await withCheckedContinuation { continuation in
            let idle = state.withLock { state in
                if !state.writing { return true }
                state.idleWaiters.append(continuation)
                return false
            }
            if idle { continuation.resume() }
        }
    }

    private func drain() async {
        while true {
            let batch = state.withLock { state -> (entries: [CacheEntry], waiters: [CheckedContinuation<Void, Never>])? in
                guard !state.entries.isEmpty else {
                    state.writing = false
                    return nil
                }
                defer {
                    state.entries = []
                    state.waiters = []
                }
                return (state.entries, state.waiters)
            }
            guard let batch else { break }
            await commit(batch.entries)
            for waiter in batch.waiters { waiter.resume() }
        }
        let idleWaiters = state.withLock { state in
            defer { state.idleWaiters = [] }
            return state.writing ? [] : state.idleWaiters
        }
        for waiter in idleWaiters { waiter.resume() }
    }
}
