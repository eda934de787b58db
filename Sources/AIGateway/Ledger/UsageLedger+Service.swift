import Dispatch
import Logging
import ServiceLifecycle

extension UsageLedger: Service {
    /// Flushes every `flushInterval` until cancelled or shut down gracefully, then flushes once
    /// more. Call ``close()`` after the service group ends to flush anything recorded since.
    public func run() async throws {
        await cancelWhenGracefulShutdown { [self] in
            while !Task.isCancelled {
                try? await Task.sleep(for: flushInterval)
                await flushOffPool()
            }
        }
        await flushOffPool()
    }

    /// LMDB commits block on disk I/O, so they run on a dispatch queue rather than tying up a
    /// thread of Swift's cooperative pool.
    private func flushOffPool() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            Self.flushQueue.async { [self] in
                do throws(LedgerError) {
                    try flush()
                } catch .closed {
                    // close() already flushed everything.
                } catch {
                    logger.error("ledger.flush_failed", metadata: ["ledger.error": "\(error)", "ledger.rows": "\(pendingRows)"])
                }
                continuation.resume()
            }
        }
    }

    private static let flushQueue = DispatchQueue(label: "aigw.ledger.flush")
}
