/// Latency and success of one model's or provider's requests, from the request log.
public struct PerformanceRow: Sendable, Equatable, Encodable {
    public var name: String
    public var requests: Int
    public var succeeded: Int
    /// Nearest-rank percentiles of the recorded latencies, in milliseconds (microsecond precision).
    public var p50Ms: Double
    public var p95Ms: Double
    public var p99Ms: Double

    public var successRate: Double { requests > 0 ? Double(succeeded) / Double(requests) : 0 }

    enum CodingKeys: String, CodingKey {
        case name, requests, succeeded, successRate = "success_rate", p50Ms = "p50_ms", p95Ms = "p95_ms", p99Ms = "p99_ms"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(requests, forKey: .requests)
        try container.encode(succeeded, forKey: .succeeded)
        try container.encode(successRate, forKey: .successRate)
        try container.encode(p50Ms, forKey: .p50Ms)
        try container.encode(p95Ms, forKey: .p95Ms)
        try container.encode(p99Ms, forKey: .p99Ms)
    }

    /// The smallest recorded latency such that at least `percent`% of them are no larger.
    static func percentile(_ percent: Int, ofSorted micros: [Int64]) -> Double {
        guard !micros.isEmpty else { return 0 }
        let rank = (percent * micros.count + 99) / 100
        return Double(micros[max(0, rank - 1)]) / 1_000
    }
}

/// Latencies per name (a model or a provider), collected while scanning the request log.
struct LatencyCollector {
    private var latencies: [String: [Int64]] = [:]
    private var succeeded: [String: Int] = [:]

    mutating func add(_ entry: RequestLogEntry, as name: String) {
        latencies[name, default: []].append(entry.latency.microseconds)
        if entry.succeeded { succeeded[name, default: 0] += 1 }
    }

    var rows: [PerformanceRow] {
        latencies.keys.sorted().map { name in
            let sorted = latencies[name, default: []].sorted()
            return PerformanceRow(
                name: name, requests: sorted.count, succeeded: succeeded[name, default: 0],
                p50Ms: PerformanceRow.percentile(50, ofSorted: sorted),
                p95Ms: PerformanceRow.percentile(95, ofSorted: sorted),
                p99Ms: PerformanceRow.percentile(99, ofSorted: sorted)
            )
        }
    }
}
