extension GatewayError {
    /// The HTTP status a client is answered with for this failure: the server's `APIError`
    /// answers with it, and the request log records it.
    public var httpStatus: Int {
        switch kind {
        case .upstreamStatus(let status): status
        case .unreachable, .streamInterrupted, .invalidResponse: 502
        case .timeout: 504
        case .invalidRequest: 400
        // A missing fixture is 404 so SDKs do not retry it: a test fails at once with the message.
        case .unknownModel, .fixtureNotFound: 404
        case .missingCredentials, .fixtureFailed: 500
        }
    }

    /// The status the request log records for any failure: ``httpStatus`` for a gateway error,
    /// 499 (the client closed the request) for cancellation, else 500.
    static func httpStatus(of error: any Error) -> Int {
        switch error {
        case let error as GatewayError: error.httpStatus
        case is CancellationError: 499
        default: 500
        }
    }
}
