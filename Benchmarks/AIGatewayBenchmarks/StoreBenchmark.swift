import AIGateway
import FakeProvider
import Foundation

/// Store get and put latency on a store of many entries with 4 KB responses.
enum StoreBenchmark {
    static func run(entryCount: Int, lookups: Int, puts: Int) throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("aigw-bench-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try CacheStore(path: directory.path, options: StoreOptions(maxBytes: 8 << 30))
        defer { store.close() }

        let response = [UInt8](repeating: UInt8(ascii: "x"), count: 4_096)
        var documents = [[UInt8]]()
        documents.reserveCapacity(entryCount)
        let fillStart = ContinuousClock.now
        // Filled in batches of 1,000 per commit: the bulk path an import takes.
        for batchStart in stride(from: 0, to: entryCount, by: 1_000) {
            var batch = [CacheEntry]()
            for index in batchStart..<min(entryCount, batchStart + 1_000) {
                let document = Array("aigw-key 1\nbody \(index)\n".utf8)
                documents.append(document)
                batch.append(entry(document: document, response: response))
            }
            try store.put(contentsOf: batch)
        }
        let fillSeconds = Measure.nanos(ContinuousClock.now - fillStart) / 1e9

        var generator = SplitMix64(seed: 42)
        let order = (0..<lookups).map { _ in Int(generator.next() % UInt64(entryCount)) }
        var hits = 0
        let lookupNanos = try Measure.latenciesNanos(count: lookups) { index in
            let document = documents[order[index]]
            if case .hit = try store.lookup(CacheKey(hashing: document), document: document) { hits += 1 }
        }
        guard hits == lookups else { throw BenchmarkFailure("only \(hits) of \(lookups) lookups hit") }

        let putNanos = try Measure.latenciesNanos(count: puts) { index in
            let document = Array("aigw-key 1\nnew body \(index)\n".utf8)
            try store.put(entry(document: document, response: response))
        }

        return """
            | operation (\(entryCount) entries of 4 KB) | p50 | p90 | p99 |
            |---|---:|---:|---:|
            | lookup (hit, canonical bytes re-checked, \(lookups) random keys) | \(micros(lookupNanos, 0.5)) | \(micros(lookupNanos, 0.9)) | \(micros(lookupNanos, 0.99)) |
            | put (one committed write transaction each, \(puts) new keys) | \(micros(putNanos, 0.5)) | \(micros(putNanos, 0.9)) | \(micros(putNanos, 0.99)) |

            Filling the store in batches of 1,000 entries per commit took \(format(fillSeconds)) s (\(format(Double(entryCount) / fillSeconds, decimals: 0)) entries/s).
            """
    }

    private static func entry(document: [UInt8], response: [UInt8]) -> CacheEntry {
        CacheEntry(
            key: CacheKey(hashing: document),
            keyDocument: document,
            tenant: "bench",
            provider: "openai",
            model: "gpt-4o-mini",
            endpoint: "/v1/chat/completions",
            createdAtMs: Int64(Date().timeIntervalSince1970 * 1_000),
            responseBody: response
        )
    }

    private static func micros(_ sorted: [Double], _ fraction: Double) -> String {
        "\(format(Measure.percentile(sorted, fraction) / 1e3, decimals: 2)) µs"
    }
}

struct BenchmarkFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
