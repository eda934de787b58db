import Dispatch
import Logging
import ServiceLifecycle

extension RequestLog: Service {
    /// Flushes every `flushInterval` until cancelled or shut down gracefully, then flushes once
    /// more. Call ``close()`` after the service group ends to flush anything recorded since.
    public func run() async throws {
        await runGroupCommit(every: flushInterval, on: Self.flushQueue) { [self] in
            do throws(LedgerError) {
                try flush()
            } catch .closed {
                // close() already flushed everything.
            } catch {
                logger.error("request_log.flush_failed", metadata: ["request_log.error": "\(error)", "request_log.records": "\(pendingRecords)"])
            }
        }
    }

    private static let flushQueue = DispatchQueue(label: "aigw.request_log.flush")
}
