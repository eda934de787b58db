import Foundation
import Logging
import Synchronization

/// Usage counters per day, tenant, user, agent, model and provider, kept in the `ledger`
/// database of the cache store's LMDB environment.
///
/// ``record(_:)`` only merges into an in-memory batch under a `Mutex`; it never touches the disk.
/// ``flush()`` writes the whole batch in one write transaction (group commit), adding each row
/// to what is stored. ``run()`` flushes every `flushInterval` and once more when the service
/// is cancelled or shut down gracefully; ``close()`` flushes what is left. So a graceful
/// shutdown loses nothing, and a crash loses at most the events of the last interval.
///
/// Opening the same directory as a ``CacheStore`` is safe: `LMDBEnvironment` shares one handle
/// per path within a process. Other processes open their own and LMDB serialises the writers.
public final class UsageLedger: Sendable {
    public let storePath: String
    public let flushInterval: Duration
    let environment: LMDBEnvironment
    let database: LMDBDatabase
    let logger: Logger
    private let state = Mutex(State())
    /// Held for a whole flush, I/O included: it orders flushes so that ``close()`` cannot release
    /// the environment under a flush that has taken its batch but not yet written it. Only
    /// flushers take it (one background service and `close`), never ``record(_:)``.
    private let flushLock = Mutex(())
    /// Write transactions committed by ``flush()``; tests read it to see batching.
    let committedFlushes = Atomic<Int>(0)

    static let databaseName = "ledger"

    private struct State: Sendable {
        var closed = false
        var pending: [LedgerKey: LedgerCounters] = [:]
        var droppedEvents = 0
    }

    /// Opens (creating if needed) the ledger in the store directory `storePath`.
    ///
    /// `options` should match the cache store's, since whichever opens the environment first in
    /// this process decides its map size and durability; `readOnly` is ignored.
    public init(
        storePath: String,
        options: StoreOptions = StoreOptions(),
        flushInterval: Duration = .milliseconds(250),
        logger: Logger = Logger(label: "aigw.ledger")
    ) throws(LedgerError) {
        do throws(LMDBError) {
            (environment, database) = try LMDBEnvironment.openWritable(path: storePath, options: options, database: Self.databaseName)
        } catch {
            throw LedgerError(error)
        }
        self.storePath = storePath
        self.flushInterval = flushInterval
        self.logger = logger
    }

    deinit {
        assert(state.withLock { $0.closed }, "UsageLedger at \(storePath) deinitialised without close()")
    }

    /// Counts `event` in the pending batch. Never blocks on I/O; after ``close()`` it is dropped.
    public func record(_ event: LedgerEvent) {
        let key = event.key
        let counters = event.counters
        let dropped = state.withLock { state -> Int? in
            if !state.closed, let sum = state.pending[key, default: LedgerCounters()].adding(counters) {
                state.pending[key] = sum
                return nil
            }
            state.droppedEvents += 1
            return state.droppedEvents
        }
        // Once, then every 10,000th: a caller recording after close() must not flood the log.
        if let dropped, dropped == 1 || dropped % 10_000 == 0 {
            logger.warning("ledger.events_dropped", metadata: ["ledger.dropped": "\(dropped)", "ledger.closed": "\(isClosed)"])
        }
    }

    /// Events recorded but not yet written, as rows.
    public var pendingRows: Int { state.withLock { $0.pending.count } }

    var isClosed: Bool { state.withLock { $0.closed } }

    /// Writes every pending row in one write transaction; returns how many rows it wrote.
    ///
    /// On failure the batch goes back into the pending map, to be retried by the next flush.
    @discardableResult
    public func flush() throws(LedgerError) -> Int {
        try flushLock.withLock { _ throws(LedgerError) -> Int in
            try flushPending(closing: false)
        }
    }

    /// Flushes what is pending and releases the environment. Later records are dropped.
    public func close() {
        flushLock.withLock { _ in
            guard !isClosed else { return }
            let rows = pendingRows
            do {
                _ = try flushPending(closing: true)
            } catch {
                logger.error("ledger.flush_failed", metadata: ["ledger.error": "\(error)", "ledger.rows_lost": "\(rows)"])
            }
            environment.close()
        }
    }

    /// Takes the batch (and, when `closing`, marks the ledger closed in the same critical
    /// section, so no record slips in between) and writes it. Call with `flushLock` held.
    private func flushPending(closing: Bool) throws(LedgerError) -> Int {
        let batch = try state.withLock { (state) throws(LedgerError) -> [LedgerKey: LedgerCounters] in
            guard !state.closed else { throw LedgerError.closed }
            defer { state.pending = [:] }
            if closing { state.closed = true }
            return state.pending
        }
        guard !batch.isEmpty else { return 0 }
        do {
            let written = try write(batch)
            committedFlushes.add(1, ordering: .relaxed)
            return written
        } catch {
            if !closing {
                state.withLock { state in
                    for (key, counters) in batch {
                        state.pending[key] = state.pending[key, default: LedgerCounters()].adding(counters) ?? counters
                    }
                }
            }
            throw error
        }
    }
}
