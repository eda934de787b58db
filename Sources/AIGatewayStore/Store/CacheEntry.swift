import AIGatewayCore

/// How the stored response body is framed.
public enum ResponseFormat: String, Sendable {
    /// One JSON body.
    case json
    /// The raw server-sent-events stream, events in order.
    case sse
}

/// One cached provider response and what is known about it.
public struct CacheEntry: Sendable, Equatable {
    public var key: CacheKey
    /// The canonical bytes that were hashed into `key`; compared on every hit.
    public var keyDocument: [UInt8]
    /// "" for a shared namespace.
    public var tenant: String
    public var provider: String
    public var model: String
    public var endpoint: String
    public var createdAtMs: Int64
    /// nil at put: the store's default TTL applies (or never, if that is nil too).
    public var expiresAtMs: Int64?
    public var responseFormat: ResponseFormat
    public var responseStatus: Int
    /// The provider's exact bytes: a JSON body or the raw SSE stream.
    public var responseBody: [UInt8]
    /// Opaque to the store; may be empty.
    public var summary: [UInt8]
    public var usage: BilledTokens?
    /// What the original provider call cost; nil when unknown (never a silent zero).
    public var cost: USD?
    public var hitCount: Int64
    /// Set by the store: the time of the put, then of the latest hit.
    public var lastAccessMs: Int64

    public init(
        key: CacheKey,
        keyDocument: [UInt8],
        tenant: String,
        provider: String,
        model: String,
        endpoint: String,
        createdAtMs: Int64,
        expiresAtMs: Int64? = nil,
        responseFormat: ResponseFormat = .json,
        responseStatus: Int = 200,
        responseBody: [UInt8],
        summary: [UInt8] = [],
        usage: BilledTokens? = nil,
        cost: USD? = nil,
        hitCount: Int64 = 0,
        lastAccessMs: Int64 = 0
    ) {
        self.key = key
        self.keyDocument = keyDocument
        self.tenant = tenant
        self.provider = provider
        self.model = model
        self.endpoint = endpoint
        self.createdAtMs = createdAtMs
        self.expiresAtMs = expiresAtMs
        self.responseFormat = responseFormat
        self.responseStatus = responseStatus
        self.responseBody = responseBody
        self.summary = summary
        self.usage = usage
        self.cost = cost
        self.hitCount = hitCount
        self.lastAccessMs = lastAccessMs
    }
}

/// Why a lookup did not return an entry.
public enum MissReason: Sendable, Equatable {
    case notFound
    case expired
    /// Older than the `maxAge` the caller allowed.
    case tooOld(maxAge: Duration)
    /// The stored key document differs from the caller's: a hash collision or a changed rule.
    case documentMismatch
    /// The stored record could not be decoded; it is deleted on a later write.
    case corrupt(String)
}

public enum LookupResult: Sendable, Equatable {
    case hit(CacheEntry)
    case miss(MissReason)

    public var entry: CacheEntry? {
        if case .hit(let entry) = self { entry } else { nil }
    }
}
