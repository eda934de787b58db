import Logging
import Synchronization

/// Group commit for new cache entries: entries that arrive while a commit is running all go into
/// the next one, so 32 concurrent misses cost one or two fsyncs instead of 32 queued one behind
/// another (LMDB has a single writer).
///
/// ``enqueue(_:)`` takes an entry at once and returns the ticket of the group it will be
/// committed in; ``wait(for:)`` returns once that group is committed (or failed, which the
/// commit closure logs: a store failure never fails a request). ``flush()`` waits until
/// nothing is pending.
final class EntryWriter: Sendable {
    /// The number of the group an entry is committed in; groups commit in order.
    struct Ticket: Sendable, Comparable {
        fileprivate let group: Int
        static func < (lhs: Ticket, rhs: Ticket) -> Bool { lhs.group < rhs.group }
    }

    private struct State {
        var entries: [CacheEntry] = []
        /// The group the entries now queued will be committed in.
        var nextGroup = 1
        /// Every group up to this one is done.
        var doneGroup = 0
        var writing = false
        var waiters: [(group: Int, continuation: CheckedContinuation<Void, Never>)] = []
    }

    private let state = Mutex(State())
    private let commit: @Sendable ([CacheEntry]) async -> Void

    /// `commit` stores a group in one write transaction and handles its own errors.
    init(commit: @escaping @Sendable ([CacheEntry]) async -> Void) {
        self.commit = commit
    }

    /// Queues `entry` for the next group commit, without waiting for it.
    func enqueue(_ entry: CacheEntry) -> Ticket {
        let (ticket, startsDraining) = state.withLock { state in
            state.entries.append(entry)
            defer { state.writing = true }
            return (Ticket(group: state.nextGroup), !state.writing)
        }
        if startsDraining { Task { await self.drain() } }
        return ticket
    }

    /// Returns once the group of `ticket` has been committed (or has failed).
    func wait(for ticket: Ticket) async {
        await withCheckedContinuation { continuation in
            let done = state.withLock { state in
                if state.doneGroup >= ticket.group { return true }
                state.waiters.append((ticket.group, continuation))
                return false
            }
            if done { continuation.resume() }
        }
    }

    /// Returns once every entry queued so far has been committed or dropped.
    func flush() async {
        let last = state.withLock { Ticket(group: $0.entries.isEmpty ? $0.nextGroup - 1 : $0.nextGroup) }
        await wait(for: last)
    }

    private func drain() async {
        while true {
            let group = state.withLock { state -> (number: Int, entries: [CacheEntry])? in
                guard !state.entries.isEmpty else {
                    state.writing = false
                    return nil
                }
                defer {
                    state.entries = []
                    state.nextGroup += 1
                }
                return (state.nextGroup, state.entries)
            }
            guard let group else { return }
            await commit(group.entries)
            let ready = state.withLock { state in
                state.doneGroup = group.number
                let ready = state.waiters.filter { $0.group <= group.number }
                state.waiters.removeAll { $0.group <= group.number }
                return ready
            }
            for waiter in ready { waiter.continuation.resume() }
        }
    }
}
