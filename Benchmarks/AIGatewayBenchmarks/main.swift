import Foundation

// Usage: swift run -c release AIGatewayBenchmarks [--quick] [canonical] [store] [library]
// Prints markdown tables for Benchmarks/RESULTS.md; with no section names, runs them all.
let arguments = Set(CommandLine.arguments.dropFirst())
let quick = arguments.contains("--quick")
let sections = arguments.subtracting(["--quick"])
func wants(_ section: String) -> Bool { sections.isEmpty || sections.contains(section) }

do {
    if wants("canonical") {
        print("## canonicalize+hash vs the naive way\n")
        print(try CanonicalizationBenchmark.run(rounds: quick ? 1 : 5))
    }
    if wants("store") {
        print("\n## store latency\n")
        print(try StoreBenchmark.run(
            entryCount: quick ? 10_000 : 100_000,
            lookups: quick ? 20_000 : 200_000,
            puts: quick ? 200 : 2_000))
    }
    if wants("library") {
        print("\n## library generateText: hit vs miss\n")
        print(try await LibraryBenchmark.run(misses: quick ? 200 : 2_000, hits: quick ? 2_000 : 20_000))
    }
} catch {
    FileHandle.standardError.write(Data("benchmark failed: \(error)\n".utf8))
    exit(1)
}
