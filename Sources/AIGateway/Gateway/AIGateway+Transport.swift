extension AIGateway {
    /// HTTP to the providers, configured by the environment.
    static func environmentTransport() -> any UpstreamTransport {
        ProviderClient(settings: .fromEnvironment())
    }
}
