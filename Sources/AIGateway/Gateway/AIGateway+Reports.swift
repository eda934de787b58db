import AIGatewayStore

extension AIGateway {
    /// The usage report of this gateway's store, read off the cooperative pool. It holds what the
    /// ledger and the request log have committed (they flush every 250 ms), not what is pending.
    public func usageReport(_ query: UsageQuery) async throws -> UsageReport {
        let storePath = configuration.storePath
        return try await Self.offloaded { try UsageReport.build(storePath: storePath, query: query) }
    }

    /// Request-log records of this gateway's store, read off the cooperative pool.
    public func requestLogRecords(_ query: RequestLogQuery) async throws -> [LoggedRequest] {
        let storePath = configuration.storePath
        return try await Self.offloaded { try RequestLog.read(storePath: storePath, query: query) }
    }
}
