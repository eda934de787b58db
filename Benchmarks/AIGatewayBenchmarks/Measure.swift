/// Small timing tools: the benchmarks compare methods side by side in one run, so a noisy,
/// shared machine moves both numbers together and the ratio stays meaningful.
enum Measure {
    private static let clock = ContinuousClock()

    /// Runs `body` repeatedly for about `budget` and returns nanoseconds per call.
    static func nanosPerCall(budget: Duration = .milliseconds(300), _ body: () throws -> Void) rethrows -> Double {
        var iterations = 0
        let start = clock.now
        var elapsed = Duration.zero
        repeat {
            for _ in 0..<16 { try body() }
            iterations += 16
            elapsed = clock.now - start
        } while elapsed < budget
        return nanos(elapsed) / Double(iterations)
    }

    /// Times each call separately; for latency percentiles.
    static func latenciesNanos(count: Int, _ body: (Int) throws -> Void) rethrows -> [Double] {
        var samples = [Double]()
        samples.reserveCapacity(count)
        for index in 0..<count {
            let start = clock.now
            try body(index)
            samples.append(nanos(clock.now - start))
        }
        return samples.sorted()
    }

    static func percentile(_ sorted: [Double], _ fraction: Double) -> Double {
        guard !sorted.isEmpty else { return .nan }
        let index = min(sorted.count - 1, Int((Double(sorted.count) * fraction).rounded(.down)))
        return sorted[index]
    }

    static func median(_ values: [Double]) -> Double {
        percentile(values.sorted(), 0.5)
    }

    static func nanos(_ duration: Duration) -> Double {
        let parts = duration.components
        return Double(parts.seconds) * 1e9 + Double(parts.attoseconds) / 1e9
    }
}

/// A benchmark result row, formatted for RESULTS.md.
func format(_ value: Double, decimals: Int = 1) -> String {
    let scale = pow10(decimals)
    let rounded = (value * scale).rounded() / scale
    return String(describing: rounded)
}

private func pow10(_ exponent: Int) -> Double {
    (0..<exponent).reduce(1.0) { product, _ in product * 10 }
}

/// Keeps a result alive so the optimizer cannot drop the work that produced it.
@inline(never)
func blackHole<T>(_ value: T) {
    withExtendedLifetime(value) {}
}
