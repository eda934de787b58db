import AIGatewayCore
import AIGatewayStore
import Foundation
import Logging

/// One finished request as it is logged: one line per request, constant message, data in metadata.
///
/// The error message is redacted (``SecretRedaction``) and cut to ``errorMessageLimit``
/// characters when the record is made, so no code path can log a key or a full upstream body.
public struct RequestLogRecord: Sendable {
    public var requestID: String
    public var tenant: String
    public var user: String
    public var agent: String
    public var model: String
    public var provider: String
    public var latency: Duration
    public var inputTokens: Int
    public var outputTokens: Int
    /// Nil: unknown (an unpriced model), logged as `unknown`, never as zero.
    public var cost: USD?
    /// The original cost of a cache hit; zero otherwise; nil when unknown.
    public var saved: USD?
    public var cache: CacheStatus
    public var succeeded: Bool
    public private(set) var errorMessage: String?

    public static let errorMessageLimit = RequestLogEntry.errorMessageLimit

    public init(
        requestID: String,
        tenant: String = "",
        user: String = "",
        agent: String = "",
        model: String,
        provider: String,
        latency: Duration,
        inputTokens: Int = 0,
        outputTokens: Int = 0,
        cost: USD?,
        saved: USD? = .zero,
        cache: CacheStatus,
        succeeded: Bool = true,
        errorMessage: String? = nil
    ) {
        self.requestID = requestID
        self.tenant = tenant
        self.user = user
        self.agent = agent
        self.model = model
        self.provider = provider
        self.latency = latency
        self.inputTokens = inputTokens
        self.outputTokens = outputTokens
        self.cost = cost
        self.saved = saved
        self.cache = cache
        self.succeeded = succeeded
        setErrorMessage(errorMessage)
    }

    public mutating func setErrorMessage(_ message: String?) {
        errorMessage = message.map(RequestLogEntry.sanitised)
    }

    public var message: Logger.Message {
        succeeded ? "request.completed" : "request.failed"
    }

    /// Every key is present in every record (empty string for none), so the JSON shape is stable;
    /// `aigw.error` only on failure.
    public var metadata: Logger.Metadata {
        var metadata: Logger.Metadata = [
            RequestLogKey.requestID: .string(requestID),
            RequestLogKey.tenant: .string(tenant),
            RequestLogKey.user: .string(user),
            RequestLogKey.agent: .string(agent),
            RequestLogKey.model: .string(model),
            RequestLogKey.provider: .string(provider),
            RequestLogKey.latencyMs: .stringConvertible(latency.milliseconds),
            RequestLogKey.inputTokens: .stringConvertible(inputTokens),
            RequestLogKey.outputTokens: .stringConvertible(outputTokens),
            RequestLogKey.costUSD: .string(costText),
            RequestLogKey.savedUSD: .string(savedText),
            RequestLogKey.cache: .string(cache.rawValue),
            RequestLogKey.success: .stringConvertible(succeeded),
        ]
        if let errorMessage { metadata[RequestLogKey.error] = .string(errorMessage) }
        return metadata
    }

    /// The cost as logged: an exact amount, or `unknown`.
    var costText: String { cost.map(Self.amount) ?? "unknown" }
    /// The saving as logged: an exact amount, or `unknown`.
    var savedText: String { saved.map(Self.amount) ?? "unknown" }

    /// Emits the record: `info` when it succeeded, `error` when it failed. The gateway's own
    /// handlers write it straight from its fields (every request logs one, and building the
    /// metadata dictionary cost more than the rest of a cache hit's bookkeeping); any other
    /// handler receives it as metadata.
    public func log(to logger: Logger) {
        RequestRecordLogger(logger).log(self)
    }

    /// The exact amount without a currency sign, with at least six decimals so columns align:
    /// `0.000135`, `0.000000`, `12.500000`, `0.0000001234`.
    static func amount(_ usd: USD) -> String {
        usd.plainAmount(minimumDecimals: 6)
    }
}

extension RequestLogRecord {
    /// The log line of a finished request. The entry's error message was redacted and cut when
    /// the entry was made, so it is taken as it is rather than sanitised a second time.
    init(_ entry: RequestLogEntry) {
        self.init(
            requestID: entry.requestID, tenant: entry.tenant, user: entry.user, agent: entry.agent,
            model: entry.model, provider: entry.provider, latency: entry.latency,
            inputTokens: entry.tokens.totalInput, outputTokens: entry.tokens.output,
            cost: entry.cost, saved: entry.saved, cache: entry.cache, succeeded: entry.succeeded
        )
        errorMessage = entry.errorMessage
    }
}

/// A logger for ``RequestLogRecord``s whose handler is asked once whether it writes records
/// from their fields: the dynamic cast is a runtime conformance lookup, too dear for every
/// request.
struct RequestRecordLogger: Sendable {
    let logger: Logger
    private let direct: (any RequestRecordLogging)?

    init(_ logger: Logger) {
        self.logger = logger
        direct = logger.handler as? any RequestRecordLogging
    }

    func log(_ record: RequestLogRecord) {
        let level: Logger.Level = record.succeeded ? .info : .error
        if let direct, direct.log(record, level: level) { return }
        logger.log(level: level, record.message, metadata: record.metadata)
    }
}

/// The metadata keys of a ``RequestLogRecord``: dotted, lower-case, under `aigw.`.
public enum RequestLogKey {
    public static let requestID = "aigw.request_id"
    public static let tenant = "aigw.tenant"
    public static let user = "aigw.user"
    public static let agent = "aigw.agent"
    public static let model = "aigw.model"
    public static let provider = "aigw.provider"
    public static let latencyMs = "aigw.latency_ms"
    public static let inputTokens = "aigw.tokens.input"
    public static let outputTokens = "aigw.tokens.output"
    public static let costUSD = "aigw.cost_usd"
    public static let savedUSD = "aigw.saved_usd"
    public static let cache = "aigw.cache"
    public static let success = "aigw.success"
    public static let error = "aigw.error"
}
