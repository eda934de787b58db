import AIGateway
import Prometheus
import Synchronization

/// The server's Prometheus metrics, fed once per finished request from the gateway's
/// ``RequestLogRecord`` and once per HTTP answer, and served as text by `GET /metrics`.
///
/// Each server has its own registry (not the process-wide swift-metrics factory), so several
/// servers in one process — as in the tests — count separately. Labels: `tenant`, `model`,
/// `provider` and, where it matters, `cache` (`hit`, `miss`, `bypass`) and `status`
/// (`success`, `error`). Money is in US dollars as a float, as Prometheus expects; the exact
/// picodollar sums are the ledger's.
public final class GatewayMetrics: Sendable {
    let registry = PrometheusCollectorRegistry()
    private let seriesCache = HandleCache<SeriesKey, Series>()
    private let responseCounters = HandleCache<ResponseKey, Counter>()
    /// The models a failed request may be labelled with (see ``modelLabel(of:)``); set once the
    /// gateway has loaded its price table.
    private let pricedModels = Mutex<PriceTable?>(nil)

    /// Request latency buckets, from a cache hit (well under a millisecond) to a long stream.
    static let latencyBuckets: [Duration] = [
        .microseconds(250), .milliseconds(1), .milliseconds(5), .milliseconds(25), .milliseconds(100),
        .milliseconds(250), .seconds(1), .milliseconds(2_500), .seconds(10), .seconds(30), .seconds(120),
    ]

    public init() {}

    /// Failed requests whose model this table does not know are counted under `other`.
    public func labelFailedModels(knownTo table: PriceTable) {
        pricedModels.withLock { $0 = table }
    }

    /// Label for a model that neither the price table nor any provider answer vouches for.
    static let otherModel = "other"

    /// The `model` label of a request. The model name is whatever the client wrote: a client
    /// naming a new model on every request (a bug, or on purpose) would add a set of series per
    /// name, and the server's memory and every scrape would grow without bound. So a name is a
    /// label only when a provider answered it (the request succeeded, or is a hit of one that
    /// did) or the price table knows it; any other failed request counts under `other`.
    func modelLabel(of request: RequestLogRecord) -> String {
        if request.succeeded { return request.model }
        let known = pricedModels.withLock { $0.map { $0.price(for: request.model) != nil } ?? true }
        return known ? request.model : Self.otherModel
    }

    /// Counts one finished gateway request.
    public func record(_ request: RequestLogRecord) {
        let key = SeriesKey(tenant: request.tenant, model: modelLabel(of: request), provider: request.provider,
                            cache: request.cache, succeeded: request.succeeded)
        let series = series(for: key)
        series.requests.increment()
        series.outcome?.increment()
        series.latency.record(request.latency)
        if request.cache != .hit {
            if request.inputTokens > 0 { series.inputTokens.increment(by: Int64(request.inputTokens)) }
            if request.outputTokens > 0 { series.outputTokens.increment(by: Int64(request.outputTokens)) }
        }
        if let cost = request.cost, cost != .zero { series.spend.increment(by: cost.dollars) }
        if let saved = request.saved, saved != .zero { series.saved.increment(by: saved.dollars) }
    }

    /// Counts one HTTP answer of a route, including those refused before reaching the gateway
    /// (401, 400, 413), which ``record(_:)`` never sees.
    func recordResponse(route: String, status: Int) {
        responseCounters.value(for: ResponseKey(route: route, status: status)) {
            counter("http_responses", labels: [("route", route), ("code", String(status))],
                    help: "HTTP responses by route and status code.")
        }.increment()
    }

    /// The Prometheus text exposition of every metric.
    public func exposition() -> [UInt8] {
        registry.emitToBuffer()
    }

    /// The counter `aigw_<name>_total` with these labels (made on first use, then looked up).
    private func counter(_ name: String, labels: [(String, String)], help: String) -> Counter {
        let descriptor = MetricNameDescriptor(namespace: "aigw", metricName: name, unitName: "total", helpText: help)
        return registry.makeCounter(descriptor: descriptor, labels: labels)
    }

    /// The metric handles of one label combination, made once: a request then costs one
    /// dictionary lookup instead of one registry lookup (and label hashing) per metric.
    private func series(for key: SeriesKey) -> Series {
        seriesCache.value(for: key) { makeSeries(key) }
    }

    private func makeSeries(_ key: SeriesKey) -> Series {
        let scope = [("tenant", key.tenant), ("model", key.model), ("provider", key.provider)]
        let status = key.succeeded ? "success" : "error"
        let outcome: Counter? = switch (key.succeeded, key.cache) {
        case (false, _): counter("errors", labels: scope, help: "Requests that failed.")
        case (true, .hit): counter("cache_hits", labels: scope, help: "Requests answered from the cache.")
        case (true, .miss): counter("cache_misses", labels: scope, help: "Cacheable requests sent to the provider.")
        case (true, .bypass): nil
        }
        let latency = MetricNameDescriptor(namespace: "aigw", metricName: "request_duration", unitName: "seconds",
                                           helpText: "Time from request to complete answer.")
        let tokensHelp = "Tokens billed by providers (input includes cached input)."
        return Series(
            requests: counter("requests", labels: scope + [("cache", key.cache.rawValue), ("status", status)],
                              help: "Finished completion requests."),
            outcome: outcome,
            latency: registry.makeDurationHistogram(descriptor: latency, labels: scope + [("cache", key.cache.rawValue)],
                                                    buckets: Self.latencyBuckets),
            inputTokens: counter("tokens", labels: scope + [("kind", "input")], help: tokensHelp),
            outputTokens: counter("tokens", labels: scope + [("kind", "output")], help: tokensHelp),
            spend: counter("spend_usd", labels: scope, help: "Provider spend, US dollars."),
            saved: counter("saved_usd", labels: scope, help: "Spend the cache avoided, US dollars.")
        )
    }
}

/// Metric handles by label set, made on first use: a request then costs one dictionary lookup
/// instead of one registry lookup (descriptor, label hashing) per metric.
private final class HandleCache<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private let handles = Mutex<[Key: Value]>([:])

    func value(for key: Key, make: () -> Value) -> Value {
        if let known = handles.withLock({ $0[key] }) { return known }
        let made = make()
        return handles.withLock { handles in
            if let raced = handles[key] { return raced }
            handles[key] = made
            return made
        }
    }
}

private struct ResponseKey: Hashable {
    var route: String
    var status: Int
}

private struct SeriesKey: Hashable {
    var tenant: String
    var model: String
    var provider: String
    var cache: CacheStatus
    var succeeded: Bool
}

private struct Series: Sendable {
    var requests: Counter
    /// `aigw_cache_hits_total`, `aigw_cache_misses_total` or `aigw_errors_total`, as the key says.
    var outcome: Counter?
    var latency: DurationHistogram
    var inputTokens: Counter
    var outputTokens: Counter
    var spend: Counter
    var saved: Counter
}

extension USD {
    /// The amount as a float, for metrics only: sums that must be exact stay in picodollars.
    fileprivate var dollars: Double { Double(picodollars) / Double(USD.picodollarsPerDollar) }
}
