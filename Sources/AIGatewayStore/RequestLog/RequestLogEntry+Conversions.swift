import Foundation

/// A finished request is described once, as a ``RequestLogEntry``; the ledger's event and the
/// log line are derived from it, so the three records of one request cannot disagree.
extension LedgerEvent {
    package init(_ entry: RequestLogEntry) {
        self.init(
            time: Date(timeIntervalSince1970: Double(entry.timeMs) / 1_000),
            tenant: entry.tenant, user: entry.user, agent: entry.agent,
            model: entry.model, provider: entry.provider, cache: entry.cache,
            succeeded: entry.succeeded, tokens: entry.tokens, cost: entry.cost, saved: entry.saved
        )
    }
}
