import Logging
import Synchronization

/// One record per finished request (``RequestLogEntry``), kept in the `requests` database of
/// the cache store's LMDB environment in time order (``RequestLogCursor``).
///
/// Group-committed like the ``UsageLedger``: ``record(_:)`` only appends to an in-memory batch
/// under a `Mutex`; ``flush()`` writes the batch in one write transaction and, in the same
/// transaction, deletes what ``retention`` no longer keeps (oldest first, a bounded number per
/// flush). ``run()`` flushes every `flushInterval` and once more on shutdown; ``close()`` flushes
/// what is left. A graceful shutdown loses nothing; a crash loses at most the last interval.
///
/// Errors are ``LedgerError``s: the ledger and the request log are the two halves of the usage
/// records and fail the same ways.
public final class RequestLog: Sendable {
    public let storePath: String
    public let flushInterval: Duration
    public let retention: RequestLogRetention
    let environment: LMDBEnvironment
    let database: LMDBDatabase
    let logger: Logger
    /// For retention's age cutoff only; records are keyed by their own time.
    let clock: @Sendable () -> Int64
    /// Random per instance, so writers in different processes never produce the same key.
    let writerID = UInt32.random(in: .min ... .max)
    private let state = Mutex(State())
    /// Orders flushes against ``close()``, as in ``UsageLedger``. Never taken by ``record(_:)``.
    private let flushLock = Mutex(())

    static let databaseName = "requests"
    /// Beyond this many unwritten records (flushes keep failing) new ones are dropped, so a
    /// broken disk cannot grow the gateway's memory without bound.
    static let pendingLimit = 100_000

    private struct State: Sendable {
        var closed = false
        var pending: [(cursor: RequestLogCursor, entry: RequestLogEntry)] = []
        var last = RequestLogCursor(timeMs: .min)
        var droppedRecords = 0
    }

    public init(
        storePath: String,
        options: StoreOptions = StoreOptions(),
        retention: RequestLogRetention = RequestLogRetention(),
        flushInterval: Duration = .milliseconds(250),
        logger: Logger = Logger(label: "aigw.request_log")
    ) throws(LedgerError) {
        do throws(LMDBError) {
            (environment, database) = try LMDBEnvironment.openWritable(path: storePath, options: options, database: Self.databaseName)
        } catch {
            throw LedgerError(error)
        }
        self.storePath = storePath
        self.flushInterval = flushInterval
        self.retention = retention
        self.logger = logger
        self.clock = options.clock
    }

    deinit {
        assert(state.withLock { $0.closed }, "RequestLog at \(storePath) deinitialised without close()")
    }

    /// Queues `entry`. Never blocks on I/O; after ``close()`` it is dropped.
    public func record(_ entry: RequestLogEntry) {
        let dropped = state.withLock { state -> Int? in
            guard !state.closed, state.pending.count < Self.pendingLimit else {
                state.droppedRecords += 1
                return state.droppedRecords
            }
            let cursor = entry.timeMs > state.last.timeMs
                ? RequestLogCursor(timeMs: entry.timeMs, writer: writerID, sequence: 0)
                : RequestLogCursor(timeMs: state.last.timeMs, writer: writerID, sequence: state.last.sequence &+ 1)
            state.last = cursor
            state.pending.append((cursor, entry))
            return nil
        }
        if let dropped, dropped == 1 || dropped % 10_000 == 0 {
            logger.warning("request_log.records_dropped", metadata: ["request_log.dropped": "\(dropped)"])
        }
    }

    /// Records queued but not yet written.
    public var pendingRecords: Int { state.withLock { $0.pending.count } }

    /// Writes every queued record and applies retention, in one write transaction; returns how
    /// many records it wrote. On failure the batch stays queued for the next flush.
    @discardableResult
    public func flush() throws(LedgerError) -> Int {
        try flushLock.withLock { _ throws(LedgerError) -> Int in try flushPending(closing: false) }
    }

    /// Flushes what is queued and releases the environment. Later records are dropped.
    public func close() {
        flushLock.withLock { _ in
            guard !state.withLock({ $0.closed }) else { return }
            let records = pendingRecords
            do {
                _ = try flushPending(closing: true)
            } catch {
                logger.error("request_log.flush_failed", metadata: ["request_log.error": "\(error)", "request_log.records_lost": "\(records)"])
            }
            environment.close()
        }
    }

    private func flushPending(closing: Bool) throws(LedgerError) -> Int {
        let batch = try state.withLock { (state) throws(LedgerError) -> [(cursor: RequestLogCursor, entry: RequestLogEntry)] in
            guard !state.closed else { throw LedgerError.closed }
            defer { state.pending = [] }
            if closing { state.closed = true }
            return state.pending
        }
        do {
            try write(batch)
            return batch.count
        } catch {
            if !closing { state.withLock { $0.pending.insert(contentsOf: batch, at: 0) } }
            throw error
        }
    }
}
