import Logging

extension AIGateway {
    /// Logs a finished request once and adds it to the ledger.
    func record(_ outcome: CompletionOutcome, call: CompletionCall) {
        let usage = outcome.summary.usage
        var metadata: Logger.Metadata = [
            "aigw.request_id": "\(outcome.requestId)",
            "aigw.tenant": "\(call.attribution.tenant)",
            "aigw.model": "\(call.model)",
            "aigw.provider": "\(outcome.provider.rawValue)",
            "aigw.cache": "\(outcome.cacheStatus.rawValue)",
            "aigw.latency_ms": "\(outcome.latency.milliseconds)",
            "aigw.tokens.input": "\(usage.map { $0.uncachedInputTokens + $0.cacheReadInputTokens + $0.cacheWriteInputTokens } ?? 0)",
            "aigw.tokens.output": "\(usage?.outputTokens ?? 0)",
            "aigw.cost_usd": "\(outcome.cost.map { "\($0)" } ?? "unknown")",
            "aigw.saved_usd": "\(outcome.saved.map { "\($0)" } ?? "unknown")",
            "aigw.success": "true",
        ]
        if let user = call.attribution.user { metadata["aigw.user"] = "\(user)" }
        if let agent = call.attribution.agent { metadata["aigw.agent"] = "\(agent)" }
        logger.info("request.completed", metadata: metadata)
    }

    func record(_ error: any Error, call: CompletionCall, latency: Duration) {
        var metadata: Logger.Metadata = [
            "aigw.request_id": "\(call.requestId)",
            "aigw.tenant": "\(call.attribution.tenant)",
            "aigw.model": "\(call.model)",
            "aigw.provider": "\(call.upstream.provider.rawValue)",
            "aigw.latency_ms": "\(latency.milliseconds)",
            "aigw.success": "false",
            "aigw.error": "\(SecretRedaction.redact(String(describing: error)))",
        ]
        if let user = call.attribution.user { metadata["aigw.user"] = "\(user)" }
        if let agent = call.attribution.agent { metadata["aigw.agent"] = "\(agent)" }
        logger.warning("request.failed", metadata: metadata)
    }
}
