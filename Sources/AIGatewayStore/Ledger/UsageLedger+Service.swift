import Dispatch
import ServiceLifecycle

extension UsageLedger: Service {
    /// Flushes every `flushInterval` until cancelled or shut down gracefully, then flushes once
    /// more. Call ``close()`` after the service group ends to flush anything recorded since.
    public func run() async throws {
        await runGroupCommit(every: flushInterval, on: Self.flushQueue, logger: logger, name: "ledger",
                             pendingName: "rows", pending: { [self] in pendingRows }, flush: { [self] () throws(LedgerError) in try flush() })
    }

    private static let flushQueue = DispatchQueue(label: "aigw.ledger.flush")
}
