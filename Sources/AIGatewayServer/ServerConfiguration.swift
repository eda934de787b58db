import AIGateway
import Logging

/// Everything `buildApplication` needs: where to listen, the gateway, and the tenants.
public struct ServerConfiguration: Sendable {
    public var host: String
    public var port: Int
    public var gateway: AIGateway.Configuration
    /// Gateway keys from the config file. Nil: local single-tenant mode, tenant `default`, no
    /// key needed (bound to loopback by default).
    public var keys: GatewayKeys?
    /// Request bodies above this get 413.
    public var maxRequestBytes: Int
    /// Answer cache hits on the event loop that read them (``StoreHitHandler``), the default.
    /// Off, every request goes through Hummingbird's router; the answers are the same.
    public var servesHitsOnEventLoop: Bool
    /// A client connection that carries nothing for this long (no request being read, no
    /// answer being written) is closed (``IdleConnectionHandler``); nil: never.
    public var idleTimeout: Duration?
    public var logger: Logger

    public static let defaultHost = "127.0.0.1"
    public static let defaultPort = 8080
    /// Longer than clients keep idle connections (httpx 5 s, Node 4 s), as nginx's 75 s, so the
    /// server rarely closes a connection a client is about to use.
    public static let defaultIdleTimeout: Duration = .seconds(75)
    /// Above both providers' own limits (OpenAI takes up to 50 MB, images included; Anthropic's
    /// Messages API 32 MB), so the gateway never refuses a request the provider would take.
    public static let defaultMaxRequestBytes = 50 * 1024 * 1024

    public init(
        host: String = defaultHost,
        port: Int = defaultPort,
        gateway: AIGateway.Configuration,
        keys: GatewayKeys? = nil,
        maxRequestBytes: Int = defaultMaxRequestBytes,
        servesHitsOnEventLoop: Bool = true,
        idleTimeout: Duration? = defaultIdleTimeout,
        logger: Logger = Logger(label: "aigw.server")
    ) {
        self.host = host
        self.port = port
        self.gateway = gateway
        self.keys = keys
        self.maxRequestBytes = maxRequestBytes
        self.servesHitsOnEventLoop = servesHitsOnEventLoop
        self.idleTimeout = idleTimeout
        self.logger = logger
    }
}
