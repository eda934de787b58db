import Foundation
import Logging

extension AIGateway {
    /// Logs a finished request once and adds it to the ledger.
    func record(_ outcome: CompletionOutcome, call: CompletionCall) {
        let tokens = outcome.summary.usage ?? BilledTokens()
        let attribution = call.attribution
        ledger.record(LedgerEvent(
            time: Date(timeIntervalSince1970: Double(outcome.timestampMs) / 1_000),
            tenant: attribution.tenant, user: attribution.user ?? "", agent: attribution.agent ?? "",
            model: call.model, provider: outcome.provider.rawValue,
            cache: outcome.cacheStatus, succeeded: true, tokens: tokens,
            cost: outcome.cost, saved: outcome.saved
        ))
        let record = RequestLogRecord(
            requestID: outcome.requestId,
            tenant: attribution.tenant, user: attribution.user ?? "", agent: attribution.agent ?? "",
            model: call.model, provider: outcome.provider.rawValue,
            latency: outcome.latency,
            inputTokens: tokens.totalInput, outputTokens: tokens.output,
            cost: outcome.cost, saved: outcome.saved,
            cache: outcome.cacheStatus, succeeded: true
        )
        record.log(to: logger)
        configuration.requestObserver?(record)
    }

    /// Logs and counts a failed request. Failures are counted as misses or bypasses: a
    /// request that failed was not served from the cache.
    func record(_ error: any Error, call: CompletionCall, cache: CacheStatus, latency: Duration) {
        let attribution = call.attribution
        ledger.record(LedgerEvent(
            tenant: attribution.tenant, user: attribution.user ?? "", agent: attribution.agent ?? "",
            model: call.model, provider: call.upstream.provider.rawValue,
            cache: cache, succeeded: false, cost: .zero
        ))
        let record = RequestLogRecord(
            requestID: call.requestId,
            tenant: attribution.tenant, user: attribution.user ?? "", agent: attribution.agent ?? "",
            model: call.model, provider: call.upstream.provider.rawValue,
            latency: latency, cost: .zero, saved: .zero,
            cache: cache, succeeded: false,
            errorMessage: String(describing: error)
        )
        record.log(to: logger)
        configuration.requestObserver?(record)
    }
}
