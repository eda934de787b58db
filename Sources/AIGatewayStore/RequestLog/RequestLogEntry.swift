import AIGatewayCore

/// One finished request as the request log keeps it: who, what, how it was served, what it cost
/// and how long it took. The persisted twin of the ``RequestLogRecord`` log line.
public struct RequestLogEntry: Sendable, Equatable {
    public var requestID: String
    /// When the request finished, Unix milliseconds.
    public var timeMs: Int64
    public var tenant: String
    public var user: String
    public var agent: String
    public var provider: String
    public var model: String
    public var cache: CacheStatus
    public var tokens: BilledTokens
    /// What the request cost: zero for a hit or a failure; nil when unknown (an unpriced model).
    public var cost: USD?
    /// For a hit, the original cost of the cached response; zero otherwise; nil when unknown.
    public var saved: USD?
    public var latency: Duration
    /// The HTTP status the request was answered with: 200, or the failure's status
    /// (``GatewayError/httpStatus``; 499 when the client went away).
    public var status: Int
    /// Redacted and cut to ``errorMessageLimit`` characters, like the log line's; nil on success.
    public private(set) var errorMessage: String?

    public init(
        requestID: String,
        timeMs: Int64,
        tenant: String = "",
        user: String = "",
        agent: String = "",
        provider: String,
        model: String,
        cache: CacheStatus,
        tokens: BilledTokens = BilledTokens(),
        cost: USD?,
        saved: USD? = .zero,
        latency: Duration,
        status: Int = 200,
        errorMessage: String? = nil
    ) {
        self.requestID = requestID
        self.timeMs = timeMs
        self.tenant = tenant
        self.user = user
        self.agent = agent
        self.provider = provider
        self.model = model
        self.cache = cache
        self.tokens = tokens
        self.cost = cost
        self.saved = saved
        self.latency = latency
        self.status = status
        self.errorMessage = errorMessage.map(Self.sanitised)
    }

    /// ``timeMs`` in UTC, ISO 8601 with milliseconds: `2026-11-29T10:00:00.123Z`.
    public var timestamp: String { UTCDate(millisecondsSince1970: timeMs).timestamp }

    /// ``latency`` in milliseconds, to the microsecond.
    public var latencyMs: Double { Double(latency.microseconds) / 1_000 }

    public var succeeded: Bool { errorMessage == nil && (200..<300).contains(status) }
}

extension RequestLogEntry {
    /// The longest error message kept, in characters; the log line (`RequestLogRecord`) uses it too.
    package static let errorMessageLimit = 300

    /// Redacted first, so truncation can never leave the start of a key that redaction would
    /// have recognised; one line, so a console line stays one line.
    package static func sanitised(_ message: String) -> String {
        let redacted = SecretRedaction.redact(message)
        let oneLine = String(redacted.map { $0.isNewline ? " " : $0 })
        guard oneLine.count > errorMessageLimit else { return oneLine }
        return String(oneLine.prefix(errorMessageLimit)) + "…"
    }
}
