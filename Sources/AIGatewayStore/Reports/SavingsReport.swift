import AIGatewayCore

/// `aigw savings`: per tenant, what the cache saved of what the requests would have cost
/// without it.
///
/// "Would have cost" is `spend + saved`: what was paid upstream plus the original cost of every
/// response served from the cache. So the share saved is `saved / (spend + saved)`.
public struct SavingsReport: Sendable, Equatable, Encodable {
    public struct Tenant: Sendable, Equatable, Encodable {
        public var tenant: String
        public var spend: USD
        public var saved: USD
        /// `spend + saved`: what the same requests would have cost with no cache.
        public var withoutCache: USD
        /// Requests whose cost or saving was unknown (an unpriced model); not in the amounts.
        public var unknownCostRequests: Int64

        /// `saved / withoutCache`; nil when nothing would have been spent.
        public var savedShare: Double? {
            withoutCache.picodollars > 0 ? Double(saved.picodollars) / Double(withoutCache.picodollars) : nil
        }

        enum CodingKeys: String, CodingKey {
            case tenant, spend = "spend_picodollars", saved = "saved_picodollars", withoutCache = "without_cache_picodollars"
            case spendUSD = "spend_usd", savedUSD = "saved_usd", withoutCacheUSD = "without_cache_usd"
            case savedShare = "saved_share", unknownCostRequests = "unknown_cost_requests"
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(tenant, forKey: .tenant)
            try container.encode(spend.picodollars, forKey: .spend)
            try container.encode(saved.picodollars, forKey: .saved)
            try container.encode(withoutCache.picodollars, forKey: .withoutCache)
            try container.encode(spend.description, forKey: .spendUSD)
            try container.encode(saved.description, forKey: .savedUSD)
            try container.encode(withoutCache.description, forKey: .withoutCacheUSD)
            try container.encode(savedShare, forKey: .savedShare)
            try container.encode(unknownCostRequests, forKey: .unknownCostRequests)
        }
    }

    public var since: String?
    public var until: String?
    /// Sorted by tenant.
    public var tenants: [Tenant]
    public var total: Tenant

    public init(_ report: UsageReport) throws(LedgerError) {
        func tenant(_ row: UsageRow) throws(LedgerError) -> Tenant {
            guard let withoutCache = row.counters.spend.adding(row.counters.saved) else { throw LedgerError.overflow }
            return Tenant(tenant: row.name, spend: row.counters.spend, saved: row.counters.saved,
                          withoutCache: withoutCache, unknownCostRequests: row.counters.unknownCostRequests)
        }
        since = report.since
        until = report.until
        var tenants: [Tenant] = []
        for row in report.groups { tenants.append(try tenant(row)) }
        self.tenants = tenants
        total = try tenant(report.total)
    }
}
