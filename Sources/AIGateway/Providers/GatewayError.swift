import AIGatewayCore

/// Everything that can go wrong on a provider call, typed for callers and mapped by the
/// server to each API's error shape. Messages never include an API key or a full upstream body.
public struct GatewayError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// The provider answered with an error status (4xx or 5xx, after retries).
        case upstreamStatus(Int)
        /// The provider could not be reached (connect refused, DNS, TLS, reset before a response).
        case unreachable
        /// The overall deadline or a per-attempt timeout passed.
        case timeout
        /// A stream broke after it had started: the connection dropped or the stream ended early.
        case streamInterrupted
        /// The provider's answer could not be understood (malformed JSON, missing fields).
        case invalidResponse
        /// The request itself is unusable before any call: bad JSON, unknown model, and so on.
        case invalidRequest
        /// No provider is configured for the model.
        case unknownModel
        /// A provider key is missing from the gateway's environment.
        case missingCredentials
        /// Fixtures replay mode has no fixture for the request; the message says which are
        /// nearest and how to record it.
        case fixtureNotFound
        /// A fixture could not be written or read: it would hold a secret, or the file system
        /// or a file said no.
        case fixtureFailed
    }

    public var kind: Kind
    public var provider: Provider?
    public var requestId: String?
    /// The provider's error type (`rate_limit_error`, `invalid_request_error`, …) when it gave one.
    public var providerErrorType: String?
    /// The provider's error code (OpenAI's `error.code`, such as `insufficient_quota`) when it
    /// gave one.
    public var providerErrorCode: String?
    /// The provider's or the gateway's message, truncated to ``maxMessageLength``.
    public var message: String
    /// How long the provider asked callers to wait (`Retry-After`, `retry-after-ms`).
    public var retryAfter: Duration?
    /// How many attempts were made.
    public var attempts: Int

    public static let maxMessageLength = 500
    /// Fixture messages list the nearest fixtures and a command; they are written by the
    /// gateway (never an upstream body), so they may be longer.
    public static let maxFixtureMessageLength = 2_000

    public init(
        _ kind: Kind,
        provider: Provider? = nil,
        requestId: String? = nil,
        providerErrorType: String? = nil,
        providerErrorCode: String? = nil,
        message: String,
        retryAfter: Duration? = nil,
        attempts: Int = 1
    ) {
        self.kind = kind
        self.provider = provider
        self.requestId = requestId
        self.providerErrorType = providerErrorType
        self.providerErrorCode = providerErrorCode
        let limit = kind == .fixtureNotFound || kind == .fixtureFailed ? Self.maxFixtureMessageLength : Self.maxMessageLength
        self.message = Self.truncated(SecretRedaction.redact(message), to: limit)
        self.retryAfter = retryAfter
        self.attempts = attempts
    }

    /// The HTTP status, when the provider gave one.
    public var status: Int? {
        if case .upstreamStatus(let status) = kind { return status }
        return nil
    }

    public var description: String {
        var parts = [String]()
        if let provider { parts.append(provider.rawValue) }
        switch kind {
        case .upstreamStatus(let status): parts.append("HTTP \(status)")
        case .unreachable: parts.append("unreachable")
        case .timeout: parts.append("timed out")
        case .streamInterrupted: parts.append("stream interrupted")
        case .invalidResponse: parts.append("invalid response")
        case .invalidRequest: parts.append("invalid request")
        case .unknownModel: parts.append("unknown model")
        case .missingCredentials: parts.append("missing credentials")
        case .fixtureNotFound: parts.append("fixture not found")
        case .fixtureFailed: parts.append("fixture failed")
        }
        if let providerErrorType { parts.append("(\(providerErrorType))") }
        var text = parts.joined(separator: " ") + ": " + message
        if attempts > 1 { text += " after \(attempts) attempts" }
        if let requestId { text += " [request \(requestId)]" }
        return text
    }

    static func truncated(_ message: String, to limit: Int = maxMessageLength) -> String {
        guard message.count > limit else { return message }
        return String(message.prefix(limit)) + "…"
    }
}
