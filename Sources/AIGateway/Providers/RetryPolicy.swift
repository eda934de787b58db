/// When and how long ``ProviderClient`` waits before trying a provider call again.
///
/// Follows the official SDKs: retry 408, 409, 429, 5xx and connection failures; never another
/// 4xx, which would fail the same way again. Waits grow exponentially with full jitter
/// (`random(0 ... min(maxDelay, baseDelay · 2^(retry-1)))`) so that many clients hitting one
/// rate limit do not come back in step. A provider's own `retry-after-ms` or `Retry-After`
/// replaces the computed wait.
public struct RetryPolicy: Sendable {
    /// Attempts in total, the first included; 1 disables retries.
    public var maxAttempts: Int
    public var baseDelay: Duration
    public var maxDelay: Duration
    /// The whole call, retries and waits included, must finish within this. For streams it
    /// covers reaching the response head; the body may then take as long as it takes.
    public var deadline: Duration
    /// How long one attempt may wait for the response head. A non-stream answer's head comes
    /// only with the whole answer, which for a long output or a reasoning model takes minutes.
    public var attemptTimeout: Duration
    /// The jitter source: a value in the given range of seconds. Tests make it deterministic.
    public var random: @Sendable (ClosedRange<Double>) -> Double
    /// How the client waits between attempts. Tests can record the waits.
    public var sleep: @Sendable (Duration) async throws -> Void

    /// The default ``deadline`` and ``attemptTimeout``: the official SDKs' 600 s timeout. A
    /// shorter one would give up on a generation the provider is still running and bills,
    /// and a retry would pay for it again. The two are equal, so an attempt that times out
    /// leaves no time for another.
    public static let defaultTimeout: Duration = .seconds(600)

    public init(
        maxAttempts: Int = 3,
        baseDelay: Duration = .milliseconds(500),
        maxDelay: Duration = .seconds(8),
        deadline: Duration = RetryPolicy.defaultTimeout,
        attemptTimeout: Duration = RetryPolicy.defaultTimeout,
        random: @escaping @Sendable (ClosedRange<Double>) -> Double = { Double.random(in: $0) },
        sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }
    ) {
        self.maxAttempts = max(1, maxAttempts)
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.deadline = deadline
        self.attemptTimeout = attemptTimeout
        self.random = random
        self.sleep = sleep
    }

    /// One attempt, no retries.
    public static var noRetries: RetryPolicy { RetryPolicy(maxAttempts: 1) }

    /// The computed wait before retry number `retry` (1 for the wait after the first attempt).
    public func backoff(beforeRetry retry: Int) -> Duration {
        let exponent = min(max(retry - 1, 0), 30)
        let ceiling = min(maxDelay.inSeconds, baseDelay.inSeconds * Double(1 << exponent))
        guard ceiling > 0 else { return .zero }
        let seconds = min(max(random(0 ... ceiling), 0), ceiling)
        return .nanoseconds(Int64(seconds * 1e9))
    }

    /// Whether a provider status is worth another attempt. `x-should-retry`, which both
    /// providers send to override the default, is passed as `shouldRetryHeader`.
    public func isRetryable(status: Int, shouldRetryHeader: String? = nil) -> Bool {
        switch shouldRetryHeader?.lowercased() {
        case "true": return true
        case "false": return false
        default: break
        }
        return status == 408 || status == 409 || status == 429 || status >= 500
    }
}

extension Duration {
    /// The duration in seconds as a `Double`, for jitter arithmetic only.
    var inSeconds: Double {
        let parts = components
        return Double(parts.seconds) + Double(parts.attoseconds) * 1e-18
    }
}
