import Dispatch
import ServiceLifecycle

/// The background half of a group-committed store (the usage ledger, the request log): calls
/// `flush` every `interval` until the task is cancelled or the service group shuts down
/// gracefully, then once more.
///
/// LMDB commits block on disk I/O, so each flush runs on `queue` rather than tying up a thread of
/// Swift's cooperative pool.
func runGroupCommit(every interval: Duration, on queue: DispatchQueue, flush: @escaping @Sendable () -> Void) async {
    let flushOffPool: @Sendable () async -> Void = {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            queue.async {
                flush()
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
