import AIGatewayStore
import Logging

extension AIGateway {
    public struct Configuration: Sendable {
        /// The store directory (LMDB environment), created when missing.
        public var storePath: String
        public var storeOptions: StoreOptions
        /// Where requests go. Nil: HTTP to ``providers``.
        public var transport: (any UpstreamTransport)?
        /// Provider URLs and keys. Nil: from the environment (`OPENAI_API_KEY`,
        /// `OPENAI_BASE_URL`, `ANTHROPIC_API_KEY`, `ANTHROPIC_BASE_URL`).
        public var providers: ProviderSettings?
        /// Retries, backoff and deadlines for provider calls over HTTP.
        public var retryPolicy: RetryPolicy
        public var router: ModelRouter
        /// A price file whose entries override and extend the shipped table.
        public var priceOverridePath: String?
        /// `max_tokens` for Anthropic requests that give none (the API requires it).
        public var defaultMaxTokens: Int
        /// How long and how many request-log records are kept.
        public var requestLogRetention: RequestLogRetention
        public var logger: Logger
        /// Record and replay provider exchanges as fixture files (`docs/fixtures.md`). Nil: no
        /// fixtures, as in mode `live`.
        public var fixtures: FixtureSettings?
        /// Called once for every finished request, success or failure, with the record that is
        /// logged (the server feeds its Prometheus metrics from it). It runs on the request's
        /// path, so it must be quick.
        public var requestObserver: (@Sendable (RequestLogRecord) -> Void)?

        public init(
            storePath: String,
            storeOptions: StoreOptions = StoreOptions(),
            transport: (any UpstreamTransport)? = nil,
            providers: ProviderSettings? = nil,
            retryPolicy: RetryPolicy = RetryPolicy(),
            router: ModelRouter = ModelRouter(),
            priceOverridePath: String? = nil,
            defaultMaxTokens: Int = 1_024,
            requestLogRetention: RequestLogRetention = RequestLogRetention(),
            logger: Logger = Logger(label: "aigw"),
            fixtures: FixtureSettings? = nil
        ) {
            self.storePath = storePath
            self.storeOptions = storeOptions
            self.transport = transport
            self.providers = providers
            self.retryPolicy = retryPolicy
            self.router = router
            self.priceOverridePath = priceOverridePath
            self.defaultMaxTokens = defaultMaxTokens
            self.requestLogRetention = requestLogRetention
            self.logger = logger
            self.fixtures = fixtures
        }
    }
}
