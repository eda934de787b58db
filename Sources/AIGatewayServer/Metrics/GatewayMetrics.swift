import AIGateway
import Prometheus

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

    /// Request latency buckets, from a cache hit (well under a millisecond) to a long stream.
    static let latencyBuckets: [Duration] = [
        .microseconds(250), .milliseconds(1), .milliseconds(5), .milliseconds(25), .milliseconds(100),
        .milliseconds(250), .seconds(1), .milliseconds(2_500), .seconds(10), .seconds(30), .seconds(120),
    ]

    public init() {}

    /// Counts one finished gateway request.
    public func record(_ request: RequestLogRecord) {
        let scope = [("tenant", request.tenant), ("model", request.model), ("provider", request.provider)]
        let status = request.succeeded ? "success" : "error"
        counter("requests", labels: scope + [("cache", request.cache.rawValue), ("status", status)],
                             help: "Finished completion requests.").increment()
        switch request.cache {
        case .hit: counter("cache_hits", labels: scope, help: "Requests answered from the cache.").increment()
        case .miss: counter("cache_misses", labels: scope, help: "Cacheable requests sent to the provider.").increment()
        case .bypass: break
        }
        if !request.succeeded {
            counter("errors", labels: scope, help: "Requests that failed.").increment()
        }
        let latency = MetricNameDescriptor(namespace: "aigw", metricName: "request_duration", unitName: "seconds",
                                           helpText: "Time from request to complete answer.")
        registry.makeDurationHistogram(descriptor: latency, labels: scope + [("cache", request.cache.rawValue)], buckets: Self.latencyBuckets)
            .record(request.latency)
        if request.cache != .hit {
            addTokens(request.inputTokens, kind: "input", scope)
            addTokens(request.outputTokens, kind: "output", scope)
        }
        if let cost = request.cost, cost != .zero {
            counter("spend_usd", labels: scope, help: "Provider spend, US dollars.").increment(by: cost.dollars)
        }
        if let saved = request.saved, saved != .zero {
            counter("saved_usd", labels: scope, help: "Spend the cache avoided, US dollars.").increment(by: saved.dollars)
        }
    }

    /// Counts one HTTP answer of a route, including those refused before reaching the gateway
    /// (401, 400, 413), which ``record(_:)`` never sees.
    func recordResponse(route: String, status: Int) {
        counter("http_responses", labels: [("route", route), ("code", String(status))],
                             help: "HTTP responses by route and status code.").increment()
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

    private func addTokens(_ count: Int, kind: String, _ scope: [(String, String)]) {
        guard count > 0 else { return }
        counter("tokens", labels: scope + [("kind", kind)],
                             help: "Tokens billed by providers (input includes cached input).").increment(by: Int64(count))
    }
}

extension USD {
    /// The amount as a float, for metrics only: sums that must be exact stay in picodollars.
    fileprivate var dollars: Double { Double(picodollars) / Double(USD.picodollarsPerDollar) }
}
