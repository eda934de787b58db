import AIGatewayCore

/// What one ledger row counts. Every field is an exact integer; money is ``USD`` (picodollars).
///
/// Token fields are disjoint, as in ``BilledTokens``: `inputTokens` is the uncached input billed
/// at the full price, `cacheReadTokens`/`cacheWriteTokens` the provider prompt-cache input, all
/// four billed upstream (misses and bypasses). A gateway cache hit bills nothing upstream: its
/// tokens go to `tokensServedFromCache` instead.
public struct LedgerCounters: Sendable, Equatable, Codable {
    public var requests: Int64 = 0
    public var hits: Int64 = 0
    public var misses: Int64 = 0
    public var bypasses: Int64 = 0
    public var errors: Int64 = 0
    public var inputTokens: Int64 = 0
    public var outputTokens: Int64 = 0
    public var cacheReadTokens: Int64 = 0
    public var cacheWriteTokens: Int64 = 0
    /// Input plus output tokens of the responses served from the gateway cache.
    public var tokensServedFromCache: Int64 = 0
    /// Paid upstream: the sum of known costs.
    public var spend: USD = .zero
    /// The original cost of responses served from the cache.
    public var saved: USD = .zero
    /// Requests whose cost (or, for a hit, saving) was unknown, e.g. an unpriced model.
    /// They add nothing to `spend` or `saved`: an unknown amount is never counted as zero.
    public var unknownCostRequests: Int64 = 0

    public init() {}

    static let fieldCount = 13

    /// The fields in stored order; money as picodollars.
    var integers: [Int64] {
        [
            requests, hits, misses, bypasses, errors, inputTokens, outputTokens, cacheReadTokens,
            cacheWriteTokens, tokensServedFromCache, spend.picodollars, saved.picodollars, unknownCostRequests,
        ]
    }

    init(integers v: [Int64]) {
        precondition(v.count >= Self.fieldCount)
        requests = v[0]; hits = v[1]; misses = v[2]; bypasses = v[3]; errors = v[4]
        inputTokens = v[5]; outputTokens = v[6]; cacheReadTokens = v[7]; cacheWriteTokens = v[8]
        tokensServedFromCache = v[9]; spend = USD(picodollars: v[10]); saved = USD(picodollars: v[11])
        unknownCostRequests = v[12]
    }

    /// The exact field-by-field sum, or nil if any field overflows `Int64`.
    public func adding(_ other: LedgerCounters) -> LedgerCounters? {
        var sums: [Int64] = []
        sums.reserveCapacity(Self.fieldCount)
        for (lhs, rhs) in zip(integers, other.integers) {
            let (sum, overflow) = lhs.addingReportingOverflow(rhs)
            if overflow { return nil }
            sums.append(sum)
        }
        return LedgerCounters(integers: sums)
    }

    /// Exact merge. Traps on overflow, as `Int` and ``USD`` `+` do; use ``adding(_:)`` for sums
    /// that come from outside the process.
    public static func += (lhs: inout LedgerCounters, rhs: LedgerCounters) {
        guard let sum = lhs.adding(rhs) else { preconditionFailure("LedgerCounters overflowed; use adding(_:)") }
        lhs = sum
    }

    /// Share of requests served from the cache; nil without requests.
    public var hitRate: Double? {
        requests > 0 ? Double(hits) / Double(requests) : nil
    }
}

extension LedgerCounters {
    /// Money as integer picodollars (`spend_picodollars`): exact, unlike a JSON decimal that a
    /// reader may parse as `Double`. Coded here rather than by making ``USD`` `Codable`, which
    /// would choose one representation for every use of `USD`.
    enum CodingKeys: String, CodingKey {
        case requests, hits, misses, bypasses, errors
        case inputTokens = "input_tokens", outputTokens = "output_tokens"
        case cacheReadTokens = "cache_read_tokens", cacheWriteTokens = "cache_write_tokens"
        case tokensServedFromCache = "tokens_served_from_cache"
        case spend = "spend_picodollars", saved = "saved_picodollars"
        case unknownCostRequests = "unknown_cost_requests"
    }

    static let codingOrder: [CodingKeys] = [
        .requests, .hits, .misses, .bypasses, .errors, .inputTokens, .outputTokens, .cacheReadTokens,
        .cacheWriteTokens, .tokensServedFromCache, .spend, .saved, .unknownCostRequests,
    ]

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(integers: try Self.codingOrder.map { try container.decode(Int64.self, forKey: $0) })
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        for (key, value) in zip(Self.codingOrder, integers) {
            try container.encode(value, forKey: key)
        }
    }
}
