import Dispatch
import Logging
import ServiceLifecycle

/// The background half of a group-committed store (the usage ledger, the request log): calls
/// `flush` every `interval` until the task is cancelled or the service group shuts down
/// gracefully, then once more. A failed flush is logged as `<name>.flush_failed` with
/// `<name>.error` and `<name>.<pendingName>` (what is still pending); the store keeps the batch
/// for the next try. ``LedgerError/closed``
/// is not a failure: `close()` already flushed everything.
///
/// LMDB commits block on disk I/O, so each flush runs on `queue` rather than tying up a thread of
/// Swift's cooperative pool.
func runGroupCommit(
    every interval: Duration,
    on queue: DispatchQueue,
    logger: Logger,
    name: String,
    pendingName: String,
    pending: @escaping @Sendable () -> Int,
    flush: @escaping @Sendable () throws(LedgerError) -> Void
) async {
    let flushOffPool: @Sendable () async -> Void = {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            queue.async {
                do throws(LedgerError) {
                    try flush()
                } catch .closed {
                    // Nothing left to write.
                } catch {
                    logger.error("\(name).flush_failed", metadata: ["\(name).error": "\(error)", "\(name).\(pendingName)": "\(pending())"])
                }
                continuation.resume()
            }
        }
    }
    await cancelWhenGracefulShutdown {
        while !Task.isCancelled {
            try? await Task.sleep(for: interval)
            await flushOffPool()
        }
    }
    await flushOffPool()
}
