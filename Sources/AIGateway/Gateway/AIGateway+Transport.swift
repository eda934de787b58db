extension AIGateway {
    /// HTTP to the providers, configured by the environment.
    static func environmentTransport() -> any UpstreamTransport {
        UnconfiguredTransport()
    }
}

private struct UnconfiguredTransport: UpstreamTransport {
    func send(_ request: UpstreamRequest) async throws -> UpstreamResponse {
        throw GatewayError(.missingCredentials, provider: request.provider, message: "no provider transport configured")
    }

    func openStream(_ request: UpstreamRequest) async throws -> UpstreamEventStream {
        throw GatewayError(.missingCredentials, provider: request.provider, message: "no provider transport configured")
    }
}
