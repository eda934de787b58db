import AIGateway
import Logging
import FakeProvider
import Foundation

/// `generateText` latency through the whole library (canonicalize, key, LMDB lookup or
/// provider call over loopback HTTP, ledger, log) for a hit versus a miss, against a fake
/// provider that answers at once.
enum LibraryBenchmark {
    static func run(misses: Int, hits: Int) async throws -> String {
        try await FakeProviderServer.withServer { fake in
            fake.recordsRequests = false
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("aigw-bench-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: directory) }
            let settings = ProviderSettings.fromEnvironment([
                "OPENAI_BASE_URL": fake.openAIBaseURL,
                "OPENAI_API_KEY": "benchmark-placeholder-key",
            ])
            var logger = Logger(label: "aigw.bench")
            logger.logLevel = .critical
            let gateway = try AIGateway(configuration: .init(storePath: directory.path, providers: settings, logger: logger))

            func request(_ index: Int) -> GenerateTextRequest {
                GenerateTextRequest(
                    tenantId: "bench", model: "gpt-4o-mini",
                    messages: [.system("You are a helpful assistant."), .user("Question number \(index): what is the weather like today?")],
                    temperature: 0.7, maxTokens: 1000)
            }

            // Warm the connection pool and the store.
            for index in 0..<20 { _ = try await gateway.generateText(request(-1 - index)) }

            var missNanos = [Double]()
            for index in 0..<misses {
                let started = ContinuousClock.now
                let response = try await gateway.generateText(request(index))
                missNanos.append(Measure.nanos(ContinuousClock.now - started))
                guard !response.cached else { throw BenchmarkFailure("request \(index) should have missed") }
            }
            var hitNanos = [Double]()
            for index in 0..<hits {
                let started = ContinuousClock.now
                let response = try await gateway.generateText(request(index % misses))
                hitNanos.append(Measure.nanos(ContinuousClock.now - started))
                guard response.cached else { throw BenchmarkFailure("request \(index) should have hit") }
            }
            await gateway.shutdown()
            missNanos.sort()
            hitNanos.sort()
            func micros(_ sorted: [Double], _ fraction: Double) -> String {
                "\(format(Measure.percentile(sorted, fraction) / 1e3, decimals: 1)) µs"
            }
            return """
                | generateText (gpt-4o-mini, fake provider answering at once) | p50 | p99 | requests |
                |---|---:|---:|---:|
                | miss (canonicalize, key, lookup, HTTP call over loopback, parse, store, ledger) | \(micros(missNanos, 0.5)) | \(micros(missNanos, 0.99)) | \(misses) |
                | hit (canonicalize, key, LMDB lookup, decode the stored answer, ledger) | \(micros(hitNanos, 0.5)) | \(micros(hitNanos, 0.99)) | \(hits) |

                A hit's p50 is \(format(Measure.percentile(missNanos, 0.5) / Measure.percentile(hitNanos, 0.5)))× faster than a miss's.
                """
        }
    }
}
