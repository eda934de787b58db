import Foundation

// Usage: swift run -c release AIGatewayBenchmarks [--quick]
// Prints markdown tables for Benchmarks/RESULTS.md.
let quick = CommandLine.arguments.contains("--quick")

do {
    print("## canonicalize+hash vs the naive way\n")
    print(try CanonicalizationBenchmark.run(rounds: quick ? 1 : 5))
    print("\n## store latency\n")
    print(try StoreBenchmark.run(
        entryCount: quick ? 10_000 : 100_000,
        lookups: quick ? 20_000 : 200_000,
        puts: quick ? 200 : 2_000))
} catch {
    FileHandle.standardError.write(Data("benchmark failed: \(error)\n".utf8))
    exit(1)
}
