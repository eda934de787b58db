import AIGatewayCore
import AIGatewayStore
import AsyncHTTPClient
import Foundation
import Logging
import NIOPosix
import ServiceLifecycle

/// The cache in front of provider calls, and the library API on top of it.
///
/// Every call is canonicalized and keyed; a stored answer is served at zero cost, a miss goes
/// upstream once per key (single-flight) and is stored after a clean finish. Requests the
/// canonical form cannot key safely are forwarded without caching (`bypass`).
///
/// Run it as a `Service` (``run()``) so that the usage ledger and the request log are
/// group-committed in the background; ``shutdown()`` flushes whatever is pending either way.
public final class AIGateway: Sendable, Service {
    public let configuration: Configuration
    let store: CacheStore
    let ledger: UsageLedger
    let requestLog: RequestLog
    let prices: PriceTable
    let transport: any UpstreamTransport
    /// Nil unless fixtures are configured in a mode other than `live`.
    let fixtures: FixtureSession?
    /// The HTTP client the gateway made for itself, shut down with it; nil when injected.
    let ownedHTTPClient: HTTPClient?
    let flights = SingleFlight<CompletionOutcome>()
    let storedSummaries = StoredSummaryMemo()
    /// Commits new entries in groups; see ``save(_:prepared:status:)``.
    let entryWriter: EntryWriter
    let logger: Logger
    /// The ``logger`` for the one record each request writes.
    let recordLogger: RequestRecordLogger

    public init(configuration: Configuration) throws {
        self.configuration = configuration
        logger = configuration.logger
        recordLogger = RequestRecordLogger(configuration.logger)
        let providers = configuration.providers ?? .fromEnvironment()
        if let settings = configuration.fixtures, settings.mode != .live {
            // The keys the gateway holds are secrets by definition: no fixture may contain them.
            fixtures = try FixtureSession(settings: settings, providerSecrets: [providers.openAI.apiKey, providers.anthropic.apiKey].compactMap { $0 })
        } else {
            fixtures = nil
        }
        let store = try CacheStore(path: configuration.storePath, options: configuration.storeOptions)
        self.store = store
        entryWriter = EntryWriter { [logger] entries in
            await Self.commit(entries, to: store, logger: logger)
        }
        do {
            prices = try PriceTable.load(overridePath: configuration.priceOverridePath)
            ledger = try UsageLedger(storePath: configuration.storePath, options: configuration.storeOptions, logger: configuration.logger)
        } catch {
            store.close()
            throw error
        }
        do {
            requestLog = try RequestLog(storePath: configuration.storePath, options: configuration.storeOptions,
                                        retention: configuration.requestLogRetention, logger: configuration.logger)
        } catch {
            ledger.close()
            store.close()
            throw error
        }
        if let injected = configuration.transport {
            transport = injected
            ownedHTTPClient = nil
        } else {
            // Its own client, whose pool does not retry refused connections for seconds on
            // its own: the retry policy decides, so an unreachable provider fails fast.
            let client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup,
                                    configuration: ProviderClient.recommendedHTTPClientConfiguration)
            transport = ProviderClient(settings: providers,
                                       retryPolicy: configuration.retryPolicy, httpClient: client,
                                       logger: configuration.logger)
            ownedHTTPClient = client
        }
    }

    /// Group-commits the usage ledger and the request log until graceful shutdown, then flushes
    /// them.
    public func run() async throws {
        try await withThrowingDiscardingTaskGroup { group in
            group.addTask { try await self.ledger.run() }
            group.addTask { try await self.requestLog.run() }
        }
    }

    /// Flushes the ledger, the request log and pending hit counts, closes the store and the HTTP
    /// client. Call once, after the last request.
    public func shutdown() async {
        await entryWriter.flush()
        ledger.close()
        requestLog.close()
        try? store.flush()
        store.close()
        try? await ownedHTTPClient?.shutdown()
    }

    /// The provider that serves `model`, or a typed error naming the model.
    public func provider(for model: String) throws -> Provider {
        guard let provider = configuration.router.provider(for: model) else {
            throw GatewayError(.unknownModel, message: "no provider serves model '\(model)'; known prefixes: \(configuration.router.rules.map(\.prefix).joined(separator: ", "))")
        }
        return provider
    }

    /// What a request for `model` with `usage` costs; nil when the model has no known price.
    public func cost(model: String, usage: ResponseSummary.Usage?) -> USD? {
        guard let usage else { return nil }
        return prices.cost(model: model, usage: usage)
    }

    /// Runs blocking store work on NIO's thread pool, off the cooperative pool, so an fsync
    /// never stalls other tasks.
    static func offloaded<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await NIOThreadPool.singleton.runIfActive(work)
    }

    static func nowMs() -> Int64 { Int64(Date().timeIntervalSince1970 * 1_000) }
}
