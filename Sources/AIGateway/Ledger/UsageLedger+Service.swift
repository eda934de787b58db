import Dispatch
import Logging
import ServiceLifecycle

extension UsageLedger: Service {
    /// Flushes every `flushInterval` until cancelled or shut down gracefully, then flushes once
    /// more. Call ``close()`` after the service group ends to flush anything recorded since.
    public func run() async throws {
        await runGroupCommit(every: flushInterval, on: Self.flushQueue) { [self] in
            do throws(LedgerError) {
                try flush()
            } catch .closed {
                // close() already flushed everything.
            } catch {
                logger.error("ledger.flush_failed", metadata: ["ledger.error": "\(error)", "ledger.rows": "\(pendingRows)"])
            }
        }
    }

    private static let flushQueue = DispatchQueue(label: "aigw.ledger.flush")
}
