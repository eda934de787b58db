import AIGatewayCore
import AIGatewayStore

extension AIGateway {
    /// Records a finished request once: in the ledger, in the request log, as a log line and to
    /// the request observer (metrics).
    func record(_ outcome: CompletionOutcome, call: CompletionCall) {
        let attribution = call.attribution
        record(RequestLogEntry(
            requestID: outcome.requestId, timeMs: outcome.timestampMs,
            tenant: attribution.tenant, user: attribution.user ?? "", agent: attribution.agent ?? "",
            provider: outcome.provider.rawValue, model: call.model,
            cache: outcome.cacheStatus, tokens: outcome.summary.usage ?? BilledTokens(),
            cost: outcome.cost, saved: outcome.saved, latency: outcome.latency
        ))
    }

    /// Records a failed request. Failures are counted as misses or bypasses: a request that
    /// failed was not served from the cache. It cost nothing and saved nothing.
    func record(_ error: any Error, call: CompletionCall, cache: CacheStatus, latency: Duration) {
        let attribution = call.attribution
        record(RequestLogEntry(
            requestID: call.requestId, timeMs: Self.nowMs(),
            tenant: attribution.tenant, user: attribution.user ?? "", agent: attribution.agent ?? "",
            provider: call.upstream.provider.rawValue, model: call.model,
            cache: cache, cost: .zero, saved: .zero, latency: latency,
            status: GatewayError.httpStatus(of: error), errorMessage: String(describing: error)
        ))
    }

    /// A refused request's model is whatever its client wrote, routed nowhere: at most this much
    /// of it is kept.
    static let maxRefusedModelCharacters = 200

    /// Records a request refused before it became a call: a missing or unknown key, a body too
    /// large or unreadable, an unknown model. It goes to the request log and the log line with
    /// its status and reason, and the model and provider it named when they are known, so
    /// refusals (a 401 flood, say, or a model nobody serves) can be found like any request. Not
    /// to the ledger, since it used nothing, nor to the request observer, whose metrics count
    /// calls; the server counts its answers by status.
    public func recordRefusal(requestId: String, attribution: Attribution?, provider: Provider?, model: String? = nil,
                              status: Int, reason: String, latency: Duration) {
        let entry = RequestLogEntry(
            requestID: requestId, timeMs: Self.nowMs(),
            tenant: attribution?.tenant ?? "", user: attribution?.user ?? "", agent: attribution?.agent ?? "",
            provider: provider?.rawValue ?? "", model: model.map { String($0.prefix(Self.maxRefusedModelCharacters)) } ?? "",
            cache: .bypass, cost: .zero, saved: .zero, latency: latency,
            status: status, errorMessage: reason
        )
        log(entry)
    }

    private func record(_ entry: RequestLogEntry) {
        ledger.record(LedgerEvent(entry))
        configuration.requestObserver?(log(entry))
    }

    /// Puts `entry` in the request log and writes its log line, which it returns.
    @discardableResult
    private func log(_ entry: RequestLogEntry) -> RequestLogRecord {
        requestLog.record(entry)
        let line = RequestLogRecord(entry)
        recordLogger.log(line)
        return line
    }
}
