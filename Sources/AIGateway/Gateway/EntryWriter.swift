import AIGatewayStore
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
///
/// The queue is bounded by bytes, in two ways. A group holds at most ``maxGroupBytes`` (always
/// at least one entry), so a large answer is committed in a transaction of its own rather than
/// in one with every other large answer that arrived meanwhile: LMDB holds a transaction's
/// dirty pages in memory until it commits, so one huge group cost its whole size again and
/// delayed every entry in it by the slowest. And ``waitForRoom()`` holds a miss back before
/// it goes upstream while more than ``maxPendingBytes`` wait to be committed: without it,
/// clients fetching large answers faster than the disk takes them grew the queue (and the
/// window between an answer and its commit) without limit.
final class EntryWriter: Sendable {
    /// The number of the group an entry is committed in; groups commit in order.
    struct Ticket: Sendable, Hashable, Comparable {
        fileprivate let group: Int
        static func < (lhs: Ticket, rhs: Ticket) -> Bool { lhs.group < rhs.group }
    }

    private struct State {
        var entries: [CacheEntry] = []
        /// Bytes of `entries` and of the group being committed.
        var pendingBytes = 0
        /// The group the first of `entries` will be committed in.
        var nextGroup = 1
        /// Every group up to this one is done.
        var doneGroup = 0
        var writing = false
        var waiters: [(group: Int, continuation: CheckedContinuation<Void, Never>)] = []
        /// Misses waiting for the queue to fall below ``maxPendingBytes``.
        var roomWaiters: [CheckedContinuation<Void, Never>] = []
        /// The group each queued entry is in, parallel to `entries`.
        var groups: [Int] = []
        var lastGroupBytes = 0
    }

    /// The most that waits to be committed before new misses are held back.
    let maxPendingBytes: Int
    /// The most one group commits in one transaction (a larger entry is a group alone).
    let maxGroupBytes: Int

    static let defaultMaxPendingBytes = 64 * 1024 * 1024
    static let defaultMaxGroupBytes = 8 * 1024 * 1024

    private let state = Mutex(State())
    private let commit: @Sendable ([CacheEntry]) async -> Void

    /// `commit` stores a group in one write transaction and handles its own errors.
    init(maxPendingBytes: Int = defaultMaxPendingBytes, maxGroupBytes: Int = defaultMaxGroupBytes,
         commit: @escaping @Sendable ([CacheEntry]) async -> Void) {
        self.maxPendingBytes = maxPendingBytes
        self.maxGroupBytes = maxGroupBytes
        self.commit = commit
    }

    /// What an entry costs while it waits: its bytes, which dominate its size.
    static func size(of entry: CacheEntry) -> Int {
        entry.responseBody.count + entry.summary.count + entry.keyDocument.count + 256
    }

    /// Queues `entry` for the next group commit, without waiting for it. Never refuses: the
    /// answer has been paid for; the bound is kept by ``waitForRoom()`` before the next call.
    func enqueue(_ entry: CacheEntry) -> Ticket {
        let size = Self.size(of: entry)
        let (ticket, startsDraining) = state.withLock { state in
            // A new group starts when the last one queued is full; the group being committed
            // has already been taken off `entries`.
            var group = state.groups.last ?? state.nextGroup
            if !state.entries.isEmpty, state.lastGroupBytes + size > maxGroupBytes {
                group += 1
                state.lastGroupBytes = 0
            } else if state.entries.isEmpty {
                state.lastGroupBytes = 0
            }
            state.entries.append(entry)
            state.groups.append(group)
            state.lastGroupBytes += size
            state.pendingBytes += size
            defer { state.writing = true }
            return (Ticket(group: group), !state.writing)
        }
        if startsDraining { Task { await self.drain() } }
        return ticket
    }

    /// Returns once fewer than ``maxPendingBytes`` wait to be committed: at once, almost
    /// always. A miss calls it before going upstream, so its answer is not added to a queue
    /// the disk is not keeping up with. Not cancellable: the wait is one commit at most long.
    func waitForRoom() async {
        if state.withLock({ $0.pendingBytes < maxPendingBytes }) { return }
        await withCheckedContinuation { continuation in
            let room = state.withLock { state in
                if state.pendingBytes < maxPendingBytes { return true }
                state.roomWaiters.append(continuation)
                return false
            }
            if room { continuation.resume() }
        }
    }

    /// Bytes queued or being committed.
    var pendingBytes: Int { state.withLock { $0.pendingBytes } }

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
        let last = state.withLock { Ticket(group: $0.groups.last ?? $0.nextGroup - 1) }
        await wait(for: last)
    }

    private func drain() async {
        while true {
            let group = state.withLock { state -> (number: Int, entries: [CacheEntry], bytes: Int)? in
                guard let first = state.groups.first else {
                    state.writing = false
                    return nil
                }
                let count = state.groups.prefix { $0 == first }.count
                let entries = Array(state.entries.prefix(count))
                state.entries.removeFirst(count)
                state.groups.removeFirst(count)
                state.nextGroup = first + 1
                return (first, entries, entries.reduce(0) { $0 + Self.size(of: $1) })
            }
            guard let group else { return }
            await commit(group.entries)
            let (ready, room) = state.withLock { state in
                state.doneGroup = group.number
                state.pendingBytes -= group.bytes
                let ready = state.waiters.filter { $0.group <= group.number }
                state.waiters.removeAll { $0.group <= group.number }
                var room: [CheckedContinuation<Void, Never>] = []
                if state.pendingBytes < maxPendingBytes { swap(&room, &state.roomWaiters) }
                return (ready, room)
            }
            for waiter in ready { waiter.continuation.resume() }
            for waiter in room { waiter.resume() }
        }
    }
}
