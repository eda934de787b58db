import Foundation

/// A finished request is described once, as a ``RequestLogEntry``; the ledger's event and the
/// log line are derived from it, so the three records of one request cannot disagree.
extension LedgerEvent {
    init(_ entry: RequestLogEntry) {
        self.init(
            time: Date(timeIntervalSince1970: Double(entry.timeMs) / 1_000),
            tenant: entry.tenant, user: entry.user, agent: entry.agent,
            model: entry.model, provider: entry.provider, cache: entry.cache,
            succeeded: entry.succeeded, tokens: entry.tokens, cost: entry.cost, saved: entry.saved
        )
    }
}

extension RequestLogRecord {
    init(_ entry: RequestLogEntry) {
        self.init(
            requestID: entry.requestID, tenant: entry.tenant, user: entry.user, agent: entry.agent,
            model: entry.model, provider: entry.provider, latency: entry.latency,
            inputTokens: entry.tokens.totalInput, outputTokens: entry.tokens.output,
            cost: entry.cost, saved: entry.saved, cache: entry.cache, succeeded: entry.succeeded,
            errorMessage: entry.errorMessage
        )
    }
}
