import AIGatewayCore
import Foundation

/// One finished request, as the ledger counts it.
public struct LedgerEvent: Sendable, Equatable {
    public var time: Date
    public var tenant: String
    public var user: String
    public var agent: String
    public var model: String
    public var provider: String
    public var cache: CacheStatus
    public var succeeded: Bool
    /// The usage of the response: billed upstream for a miss or bypass, served from the cache for
    /// a hit (then it costs nothing upstream).
    public var tokens: BilledTokens
    /// What the request cost: zero for a hit; nil when unknown (e.g. an unpriced model).
    public var cost: USD?
    /// For a hit, the original cost of the cached response; nil when unknown. Ignored otherwise.
    public var saved: USD?

    public init(
        time: Date = Date(),
        tenant: String = "",
        user: String = "",
        agent: String = "",
        model: String,
        provider: String,
        cache: CacheStatus,
        succeeded: Bool = true,
        tokens: BilledTokens = BilledTokens(),
        cost: USD?,
        saved: USD? = nil
    ) {
        self.time = time
        self.tenant = tenant
        self.user = user
        self.agent = agent
        self.model = model
        self.provider = provider
        self.cache = cache
        self.succeeded = succeeded
        self.tokens = tokens
        self.cost = cost
        self.saved = saved
    }

    public var key: LedgerKey {
        LedgerKey(day: LedgerKey.day(of: time), tenant: tenant, user: user, agent: agent, model: model, provider: provider)
    }

    /// This event alone as counters.
    public var counters: LedgerCounters {
        var counters = LedgerCounters()
        counters.requests = 1
        if !succeeded { counters.errors = 1 }
        var unknown = cost == nil
        switch cache {
        case .hit:
            counters.hits = 1
            counters.tokensServedFromCache = Int64(tokens.totalInput) + Int64(tokens.output)
            if let saved { counters.saved = saved } else { unknown = true }
        case .miss, .bypass:
            if cache == .miss { counters.misses = 1 } else { counters.bypasses = 1 }
            counters.inputTokens = Int64(tokens.uncachedInput)
            counters.outputTokens = Int64(tokens.output)
            counters.cacheReadTokens = Int64(tokens.cacheRead)
            counters.cacheWriteTokens = Int64(tokens.cacheWrite)
        }
        if let cost { counters.spend = cost }
        if unknown { counters.unknownCostRequests = 1 }
        return counters
    }
}
