import AIGateway
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle
import Synchronization

/// A loopback HTTP server that speaks the OpenAI and Anthropic wire formats, for tests and
/// benchmarks: it records and counts requests, answers deterministically, and plays scripted
/// failures (rate limits, server errors, broken JSON, dropped streams, slow heads).
///
/// ```swift
/// try await FakeProviderServer.withServer { fake in
///     fake.enqueue(.rateLimited(retryAfterSeconds: 1), for: .openAIChat)
///     // point a client at fake.openAIBaseURL …
/// }
/// ```
///
/// Routes: `POST /v1/chat/completions`, `POST /v1/messages`, `GET`/`HEAD /health`.
public final class FakeProviderServer: Sendable {
    public let port: Int
    let state: FakeProviderState
    private let serviceGroup: ServiceGroup
    private let runTask: Mutex<Task<Void, Never>?>

    /// The base URL as OpenAI's SDK expects it, with `/v1`.
    public var openAIBaseURL: String { "http://127.0.0.1:\(port)/v1" }
    /// The base URL as Anthropic's SDK expects it, without `/v1`.
    public var anthropicBaseURL: String { "http://127.0.0.1:\(port)" }

    private init(port: Int, state: FakeProviderState, serviceGroup: ServiceGroup, runTask: Task<Void, Never>) {
        self.port = port
        self.state = state
        self.serviceGroup = serviceGroup
        self.runTask = Mutex(runTask)
    }

    /// Starts a server on 127.0.0.1 (on a free port unless `port` is given) and returns once it
    /// accepts connections. Call ``shutdown()`` when done, or use ``withServer(_:)``. With
    /// `control`, the `/_fake/…` routes let another process script replies and read counts
    /// (see ``FakeProviderServer/controlRoutes(_:state:)``).
    public static func start(port: Int = 0, control: Bool = false, logger: Logger? = nil) async throws -> FakeProviderServer {
        let state = FakeProviderState()
        // Quiet by default: a forced shutdown logs cancelled connections as errors, and tests
        // see real failures through their clients anyway.
        let logger = logger ?? {
            var logger = Logger(label: "fake-provider")
            logger.logLevel = .critical
            return logger
        }()
        let (ports, portContinuation) = AsyncStream.makeStream(of: Int.self)
        let router = Self.router(state: state)
        if control { Self.controlRoutes(router, state: state) }
        let app = Application(
            router: router,
            configuration: .init(address: .hostname("127.0.0.1", port: port), serverName: "fake-provider"),
            onServerRunning: { channel in
                portContinuation.yield(channel.localAddress?.port ?? 0)
                portContinuation.finish()
            },
            logger: logger
        )
        let serviceGroup = ServiceGroup(configuration: .init(services: [app], gracefulShutdownSignals: [], logger: logger))
        // The server outlives this call, so it runs in its own task until `shutdown()`.
        let runTask = Task {
            defer { portContinuation.finish() }
            do {
                try await serviceGroup.run()
            } catch {
                logger.error("fake_provider.failed", metadata: ["error": "\(error)"])
            }
        }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next(), port > 0 else {
            runTask.cancel()
            await runTask.value
            throw FakeProviderError.didNotStart
        }
        return FakeProviderServer(port: port, state: state, serviceGroup: serviceGroup, runTask: runTask)
    }

    /// Runs `body` with a started server and always shuts it down afterwards.
    public static func withServer<Result>(
        logger: Logger? = nil,
        _ body: (FakeProviderServer) async throws -> Result
    ) async throws -> Result {
        let server = try await start(logger: logger)
        do {
            let result = try await body(server)
            await server.shutdown()
            return result
        } catch {
            await server.shutdown()
            throw error
        }
    }

    /// Stops the server and closes its connections. Safe to call more than once.
    ///
    /// Shuts down gracefully, letting replies in progress finish, but cancels whatever is left
    /// after ``shutdownGracePeriod`` — a scripted slow reply must not hold a test up.
    public func shutdown() async {
        guard let task = runTask.withLock({ task in defer { task = nil }; return task }) else { return }
        await serviceGroup.triggerGracefulShutdown()
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await task.value }
            group.addTask {
                try? await Task.sleep(for: Self.shutdownGracePeriod)
                task.cancel()
            }
            await group.next()
            group.cancelAll()
            await task.value
        }
    }

    public static let shutdownGracePeriod: Duration = .milliseconds(500)

    deinit {
        assert(runTask.withLock { $0 == nil }, "FakeProviderServer released without shutdown()")
    }

    /// Requests to the API routes so far (the health check is not counted).
    public var requestCount: Int { state.contents.withLock { $0.requestCount } }

    /// The most API requests that were waiting for their reply at once (a reply's latency counts;
    /// a stream's body, sent after, does not).
    public var maxConcurrentRequests: Int { state.contents.withLock { $0.maxInFlight } }

    /// Streamed replies the client stopped reading: a write failed because the connection was
    /// closed. A client that cancels a stream shows up here.
    public var abandonedReplies: Int { state.contents.withLock { $0.abandonedReplies } }

    /// The recorded requests, oldest first (empty when ``recordsRequests`` is off).
    public var requests: [RecordedRequest] { state.contents.withLock { $0.requests } }

    public func requests(for route: FakeRoute) -> [RecordedRequest] {
        requests.filter { $0.path == route.rawValue }
    }

    /// Queues replies, first in first out: for one route, or for whichever route comes next.
    /// A route's own queue is served before the global one; when both are empty the server
    /// answers ``FakeReply/default``.
    public func enqueue(_ replies: FakeReply..., for route: FakeRoute? = nil) {
        enqueue(contentsOf: replies, for: route)
    }

    public func enqueue(contentsOf replies: [FakeReply], for route: FakeRoute? = nil) {
        state.enqueue(replies, for: route)
    }

    /// A pause before every default reply, to stand in for model latency. Zero (the default)
    /// answers as fast as the loopback allows, for benchmarks of the gateway itself.
    public var defaultReplyLatency: Duration {
        get { state.contents.withLock { $0.defaultReplyLatency } }
        set { state.contents.withLock { $0.defaultReplyLatency = newValue } }
    }

    /// Whether requests are kept for ``requests``. Benchmarks turn it off so memory stays flat;
    /// ``requestCount`` counts either way.
    public var recordsRequests: Bool {
        get { state.contents.withLock { $0.recordsRequests } }
        set { state.contents.withLock { $0.recordsRequests = newValue } }
    }
}

public enum FakeProviderError: Error, Sendable {
    case didNotStart
}
