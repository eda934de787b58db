import AIGatewayCore
import AIGatewayStore

/// Who a request is attributed to, for the ledger and the logs.
public struct Attribution: Sendable, Hashable {
    public var tenant: String
    public var user: String?
    public var agent: String?

    public init(tenant: String, user: String? = nil, agent: String? = nil) {
        self.tenant = tenant
        self.user = user
        self.agent = agent
    }
}

/// One provider call as the cache layer sees it: the exact upstream request plus who asked,
/// and how the cache may be used. Both the library API and the HTTP server build these.
public struct CompletionCall: Sendable {
    public var requestId: String
    public var attribution: Attribution
    /// The exact request for the provider, in its wire format; the key is computed from it.
    public var upstream: UpstreamRequest
    public var model: String
    public var cache: CachePolicy
    /// Share entries across tenants in this namespace instead of the tenant's own scope.
    public var sharedNamespace: String?
    /// The canonical form of `upstream` (body and headers), when the caller has already made
    /// it — the server does, to read the model — so it is not made twice. Nil: made here.
    public var canonical: CanonicalRequest?

    public init(
        requestId: String,
        attribution: Attribution,
        upstream: UpstreamRequest,
        model: String,
        cache: CachePolicy = CachePolicy(),
        sharedNamespace: String? = nil,
        canonical: CanonicalRequest? = nil
    ) {
        self.requestId = requestId
        self.attribution = attribution
        self.upstream = upstream
        self.model = model
        self.cache = cache
        self.sharedNamespace = sharedNamespace
        self.canonical = canonical
    }

    var scope: CacheScope {
        if let sharedNamespace { return .shared(sharedNamespace) }
        return .tenant(attribution.tenant, namespace: cache.namespace)
    }
}

/// The answer to a ``CompletionCall``, whichever way it came.
public struct CompletionOutcome: Sendable {
    public var requestId: String
    public var provider: Provider
    public var model: String
    public var cacheStatus: CacheStatus
    public var key: CacheKey?
    /// Why the cache was bypassed, when it was.
    public var bypassReason: String?
    public var summary: ResponseSummary
    /// The provider's own bytes: the JSON body, or the SSE stream as received.
    public var responseFormat: ResponseFormat
    public var responseBody: [UInt8]
    /// What this request cost: zero on a hit; nil when the model's price is unknown.
    public var cost: USD?
    /// What the original call cost; on a hit, what this request saved.
    public var originalCost: USD?
    public var latency: Duration
    /// Unix milliseconds when the request finished.
    public var timestampMs: Int64

    /// On a hit, the original cost; otherwise zero.
    public var saved: USD? {
        cacheStatus == .hit ? originalCost : .zero
    }
}
