import AIGatewayCore

/// `aigw usage` and `GET /v1/gateway/usage`: the ledger's totals grouped by one field, and
/// latency percentiles and success rates per model and provider from the request log.
///
/// Counts, tokens and money come from the ledger (kept for good, exact); latencies only the
/// request log has, so ``models`` and ``providers`` cover the records retention has kept.
/// Encoded as the documented JSON schema (docs/request-log.md); money as integer picodollars
/// plus an exact decimal string, never as a float.
public struct UsageReport: Sendable, Equatable, Encodable {
    public var by: String
    public var since: String?
    public var until: String?
    public var tenant: String?
    /// Sorted by name.
    public var groups: [UsageRow]
    public var total: UsageRow
    public var models: [PerformanceRow]
    public var providers: [PerformanceRow]

    enum CodingKeys: String, CodingKey {
        case by, since, until, tenant, groups, total, models, providers
    }

    public static let progressInterval = 50_000

    /// Reads the ledger and the request log of the store at `storePath`. Safe while a gateway
    /// writes to it (see ``UsageLedger/read(storePath:filter:)``). `progress` gets the number of
    /// request-log records read so far, every ``progressInterval`` records: a million take seconds.
    /// Without `latencies` the request log is not read (the ledger alone gives the groups and the
    /// total), and `models` and `providers` are empty.
    public static func build(storePath: String, query: UsageQuery, latencies: Bool = true,
                             progress: ((Int) -> Void)? = nil) throws(LedgerError) -> UsageReport {
        let ledger = try UsageLedger.read(storePath: storePath, filter: query.ledgerFilter).aggregate(by: query.grouping)
        var models = LatencyCollector()
        var providers = LatencyCollector()
        var scanned = 0
        if latencies {
            try RequestLog.scan(storePath: storePath, query: query.logQuery) { _, entry in
                models.add(entry, as: entry.model)
                providers.add(entry, as: entry.provider)
                scanned += 1
                if scanned % progressInterval == 0 { progress?(scanned) }
                return true
            }
        }
        return UsageReport(
            by: query.grouping.rawValue, since: query.since, until: query.until, tenant: query.tenant,
            groups: ledger.groups.map { UsageRow(name: $0.name, $0.counters) },
            total: UsageRow(name: "total", ledger.total),
            models: models.rows, providers: providers.rows
        )
    }
}

/// One group of a ``UsageReport``: the ledger's counters, with derived hit rate and amounts.
public struct UsageRow: Sendable, Equatable, Encodable {
    public var name: String
    public var counters: LedgerCounters

    public init(name: String, _ counters: LedgerCounters) {
        self.name = name
        self.counters = counters
    }

    /// Share of requests served from the cache; nil without requests.
    public var hitRate: Double? { counters.hitRate }

    /// Every token the group's responses carried, billed upstream or served from the cache.
    public var tokens: Int64 {
        counters.inputTokens &+ counters.outputTokens &+ counters.cacheReadTokens &+ counters.cacheWriteTokens &+ counters.tokensServedFromCache
    }

    enum CodingKeys: String, CodingKey {
        case name, hitRate = "hit_rate", tokens, spendUSD = "spend_usd", savedUSD = "saved_usd"
    }

    /// The ledger's own fields (``LedgerCounters`` coding keys) plus the derived ones.
    public func encode(to encoder: any Encoder) throws {
        try counters.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(hitRate, forKey: .hitRate)
        try container.encode(tokens, forKey: .tokens)
        try container.encode(counters.spend.description, forKey: .spendUSD)
        try container.encode(counters.saved.description, forKey: .savedUSD)
    }
}
