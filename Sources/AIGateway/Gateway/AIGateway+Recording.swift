import Foundation
import Logging

extension AIGateway {
    /// Logs a finished request once, adds it to the ledger and to the request log.
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
        requestLog.record(RequestLogEntry(
            requestID: outcome.requestId, timeMs: outcome.timestampMs,
            tenant: attribution.tenant, user: attribution.user ?? "", agent: attribution.agent ?? "",
            provider: outcome.provider.rawValue, model: call.model,
            cache: outcome.cacheStatus, tokens: tokens, cost: outcome.cost, saved: outcome.saved,
            latency: outcome.latency
        ))
        RequestLogRecord(
            requestID: outcome.requestId,
            tenant: attribution.tenant, user: attribution.user ?? "", agent: attribution.agent ?? "",
            model: call.model, provider: outcome.provider.rawValue,
            latency: outcome.latency,
            inputTokens: tokens.totalInput, outputTokens: tokens.output,
            cost: outcome.cost, saved: outcome.saved,
            cache: outcome.cacheStatus, succeeded: true
        ).log(to: logger)
    }

    /// Logs and counts a failed request. Failures are counted as misses or bypasses: a
    /// request that failed was not served from the cache.
    func record(_ error: any Error, call: CompletionCall, cache: CacheStatus, latency: Duration) {
        let attribution = call.attribution
        let now = Self.nowMs()
        ledger.record(LedgerEvent(
            time: Date(timeIntervalSince1970: Double(now) / 1_000),
            tenant: attribution.tenant, user: attribution.user ?? "", agent: attribution.agent ?? "",
            model: call.model, provider: call.upstream.provider.rawValue,
            cache: cache, succeeded: false, cost: .zero
        ))
        let message = String(describing: error)
        requestLog.record(RequestLogEntry(
            requestID: call.requestId, timeMs: now,
            tenant: attribution.tenant, user: attribution.user ?? "", agent: attribution.agent ?? "",
            provider: call.upstream.provider.rawValue, model: call.model,
            cache: cache, cost: .zero, saved: .zero, latency: latency,
            status: GatewayError.httpStatus(of: error), errorMessage: message
        ))
        RequestLogRecord(
            requestID: call.requestId,
            tenant: attribution.tenant, user: attribution.user ?? "", agent: attribution.agent ?? "",
            model: call.model, provider: call.upstream.provider.rawValue,
            latency: latency, cost: .zero, saved: .zero,
            cache: cache, succeeded: false,
            errorMessage: message
        ).log(to: logger)
    }
}
