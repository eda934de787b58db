import AIGatewayCore
import AsyncHTTPClient
import Logging
import NIOCore
import NIOHTTP1

/// One failed attempt, and whether another attempt could go differently.
struct AttemptFailure: Error {
    var error: GatewayError
    var retryable: Bool
}

extension ProviderClient {
    /// Runs attempts until one gets a 2xx head that `handle` accepts, a failure is final, the
    /// attempts run out, or the deadline leaves no time for the next wait.
    ///
    /// `handle` gets the 2xx response, the overall deadline and the attempt number; it may throw
    /// an ``AttemptFailure`` to have the attempt count as failed.
    func withRetries<Result>(
        _ request: UpstreamRequest,
        _ http: HTTPClientRequest,
        _ handle: (HTTPClientResponse, ContinuousClock.Instant, Int) async throws -> Result
    ) async throws -> Result {
        let clock = ContinuousClock()
        let deadline = clock.now + retryPolicy.deadline
        var attempt = 0
        while true {
            attempt += 1
            let failure: AttemptFailure
            do {
                let response = try await head(request, http, deadline: deadline, attempt: attempt)
                return try await handle(response, deadline, attempt)
            } catch let attemptFailure as AttemptFailure {
                failure = attemptFailure
            }
            guard failure.retryable, attempt < retryPolicy.maxAttempts else { throw failure.error }
            // The provider's own wait wins over ours; if it does not fit in the time left, a
            // retry would only fail later with less information, so fail now.
            let wait = failure.error.retryAfter ?? retryPolicy.backoff(beforeRetry: attempt)
            guard clock.now + wait < deadline else { throw failure.error }
            logger.debug(
                "provider.retry",
                metadata: [
                    "aigw.request_id": "\(request.requestId)",
                    "provider.name": "\(request.provider.rawValue)",
                    "retry.attempt": "\(attempt)",
                    "retry.wait_ms": "\(wait.totalNanoseconds / 1_000_000)",
                    "error.kind": "\(failure.error.kind)",
                ]
            )
            try await retryPolicy.sleep(wait)
        }
    }

    /// One attempt up to the response head. Error statuses become failures here, with the
    /// provider's message read from the (bounded) error body.
    private func head(
        _ request: UpstreamRequest,
        _ http: HTTPClientRequest,
        deadline: ContinuousClock.Instant,
        attempt: Int
    ) async throws -> HTTPClientResponse {
        let clock = ContinuousClock()
        let remaining = deadline - clock.now
        guard remaining > .zero else {
            throw AttemptFailure(error: timeoutError(request, attempt: attempt, overall: true), retryable: false)
        }
        let headTimeout = min(retryPolicy.attemptTimeout, remaining)
        let response: HTTPClientResponse
        do {
            response = try await httpClient.execute(http, timeout: .nanoseconds(headTimeout.totalNanoseconds), logger: logger)
        } catch {
            throw try classify(error, request, attempt: attempt, deadlinePassed: clock.now >= deadline)
        }
        let status = Int(response.status.code)
        if (200..<300).contains(status) { return response }

        let body = (try? await Self.readBody(response.body, limit: Self.maxErrorBodyBytes, truncating: true, until: deadline)) ?? []
        let parsed = ProviderErrorBody(parsing: body, status: status)
        let error = GatewayError(
            .upstreamStatus(status),
            provider: request.provider,
            requestId: request.requestId,
            // The provider's type and code are copied to the client as they are, so they are
            // redacted like the message: an echoing upstream can put the key in any of them.
            providerErrorType: parsed.type.map(SecretRedaction.redact),
            providerErrorCode: parsed.code.map(SecretRedaction.redact),
            message: parsed.message,
            retryAfter: RetryAfter.wait(fromHeaders: { response.headers.first(name: $0) }),
            attempts: attempt
        )
        let retryable = retryPolicy.isRetryable(status: status, shouldRetryHeader: response.headers.first(name: "x-should-retry"))
        throw AttemptFailure(error: error, retryable: retryable)
    }

    /// Maps a transport error before any response head to a failure; cancellation passes through.
    private func classify(_ error: any Error, _ request: UpstreamRequest, attempt: Int, deadlinePassed: Bool) throws -> AttemptFailure {
        if error is CancellationError || Task.isCancelled { throw CancellationError() }
        if let httpError = error as? HTTPClientError {
            switch httpError {
            case .cancelled:
                throw CancellationError()
            case .deadlineExceeded, .readTimeout:
                return AttemptFailure(error: timeoutError(request, attempt: attempt, overall: deadlinePassed), retryable: !deadlinePassed)
            case .invalidURL, .emptyHost, .emptyScheme, .alreadyShutdown, .invalidRedirectConfiguration:
                return AttemptFailure(
                    error: GatewayError(.unreachable, provider: request.provider, requestId: request.requestId,
                                        message: "cannot send to \(upstreamURL(request)): \(httpError)", attempts: attempt),
                    retryable: false
                )
            default:
                break
            }
        }
        return AttemptFailure(
            error: GatewayError(.unreachable, provider: request.provider, requestId: request.requestId,
                                message: "cannot reach \(upstreamURL(request)): \(error)", attempts: attempt),
            retryable: true
        )
    }

    /// The base URL as an error names it: never with its userinfo, whose password may be
    /// shorter than what ``SecretRedaction`` would take for a secret.
    private func upstreamURL(_ request: UpstreamRequest) -> String {
        SecretRedaction.urlWithoutCredentials(settings[request.provider].baseURL)
    }

    func timeoutError(_ request: UpstreamRequest, attempt: Int, overall: Bool) -> GatewayError {
        let message = overall
            ? "no answer within the deadline of \(retryPolicy.deadline)"
            : "no response head within the attempt timeout of \(retryPolicy.attemptTimeout)"
        return GatewayError(.timeout, provider: request.provider, requestId: request.requestId, message: message, attempts: attempt)
    }
}

extension Duration {
    var totalNanoseconds: Int64 {
        let parts = components
        let (scaled, overflow) = parts.seconds.multipliedReportingOverflow(by: 1_000_000_000)
        return overflow ? .max : scaled + parts.attoseconds / 1_000_000_000
    }
}
