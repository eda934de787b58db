import AIGateway
import Foundation
import Testing

/// `aigw usage`, `savings`, `logs` and the per-tenant part of `cache stats`, run as the binary
/// over a store written through the library.
@Suite struct ReportCommandTests {
    /// Today, so that day filters relative to now find the records.
    static let nowMs = Int64(Date().timeIntervalSince1970 * 1_000)

    /// acme: a miss ($0.000030) and its hit (saved $0.000030); globex: a failure and an
    /// unpriced miss. The cache holds one entry, acme's.
    private func populatedStore() throws -> TemporaryDirectory {
        let directory = try TemporaryDirectory()
        let path = directory.path + "/store"
        let store = try CacheStore(path: path)
        let ledger = try UsageLedger(storePath: path)
        let log = try RequestLog(storePath: path)
        let time = Date(timeIntervalSince1970: Double(Self.nowMs) / 1_000)
        let tokens = BilledTokens(uncachedInput: 100, output: 25)
        let cost = USD(picodollars: 30_000_000)
        let rows: [(String, String, CacheStatus, USD?, USD?, Int)] = [
            ("acme", "gpt-4o-mini", .miss, cost, .zero, 200),
            ("acme", "gpt-4o-mini", .hit, .zero, cost, 200),
            ("globex", "claude-3-5-haiku", .miss, .zero, .zero, 529),
            ("globex", "mystery-model", .miss, nil, .zero, 200),
        ]
        for (index, (tenant, model, cache, cost, saved, status)) in rows.enumerated() {
            let provider = model.hasPrefix("claude") ? "anthropic" : "openai"
            ledger.record(LedgerEvent(time: time, tenant: tenant, model: model, provider: provider, cache: cache,
                                      succeeded: status == 200, tokens: tokens, cost: cost, saved: cache == .hit ? saved : nil))
            log.record(RequestLogEntry(requestID: "req-\(index)", timeMs: Self.nowMs + Int64(index), tenant: tenant,
                                       provider: provider, model: model, cache: cache, tokens: tokens, cost: cost, saved: saved,
                                       latency: .milliseconds(10 * (index + 1)), status: status,
                                       errorMessage: status == 200 ? nil : "anthropic HTTP 529: overloaded"))
        }
        let document = Array("aigw-key 1\nbody acme\n".utf8)
        try store.put(CacheEntry(key: CacheKey(hashing: document), keyDocument: document, tenant: "acme", provider: "openai",
                                 model: "gpt-4o-mini", endpoint: "/v1/chat/completions", createdAtMs: Self.nowMs,
                                 responseBody: Array(#"{"answer":"acme"}"#.utf8), cost: cost))
        log.close()
        ledger.close()
        store.close()
        return directory
    }

    @Test func usagePrintsAlignedTotalsAndLatencyAndJSONWithExactMoney() throws {
        let directory = try populatedStore()
        let store = directory.path + "/store"
        let text = try CLIRunner.run(["usage", "--store", store, "--since", "1d"])
        #expect(text.status == 0, "\(text.stderr)")
        let lines = text.stdout.split(separator: "\n").map(String.init)
        let acme = try #require(lines.first { $0.hasPrefix("acme") })
        let header = try #require(lines.first { $0.hasPrefix("TENANT") })
        #expect(acme.count == header.count, "columns line up")
        #expect(acme.contains("50.0%") && acme.contains("$0.00003"))
        #expect(lines.contains { $0.hasPrefix("gpt-4o-mini") && $0.contains("100.0%") })

        let json = try CLIRunner.run(["usage", "--store", store, "--by", "model", "--json"])
        let report = try JSONParser.parse(Array(json.stdout.utf8))
        #expect(report["by"]?.stringValue == "model")
        #expect(report["total"]?["requests"]?.numberValue?.int64Value == 4)
        #expect(report["total"]?["spend_picodollars"]?.numberValue?.int64Value == 30_000_000)
        #expect(report["total"]?["saved_usd"]?.stringValue == "$0.00003")
        #expect(report["total"]?["unknown_cost_requests"]?.numberValue?.int64Value == 1)
        let providers = report["providers"]?.arrayValue ?? []
        #expect(providers.first { $0["name"]?.stringValue == "anthropic" }?["success_rate"]?.numberValue?.doubleValue == 0)
        #expect(providers.first { $0["name"]?.stringValue == "openai" }?["p99_ms"]?.numberValue?.doubleValue == 40)

        let future = try CLIRunner.run(["usage", "--store", store, "--since", "2999-01-01", "--json"])
        #expect(try JSONParser.parse(Array(future.stdout.utf8))["total"]?["requests"]?.numberValue?.int64Value == 0)
        let invalid = try CLIRunner.run(["usage", "--store", store, "--since", "yesterday"])
        #expect(invalid.status != 0)
    }

    @Test func savingsIsOneLinePerTenantOfSpendPlusSaved() throws {
        let directory = try populatedStore()
        let result = try CLIRunner.run(["savings", "--store", directory.path + "/store"])
        #expect(result.status == 0, "\(result.stderr)")
        let acme = try #require(result.stdout.split(separator: "\n").first { $0.hasPrefix("acme") })
        #expect(acme.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
                == "acme saved $0.00003 of $0.00006 (50.0%)")
        #expect(result.stdout.contains("+1 unpriced"), "an unknown cost is shown apart, never as zero")
    }

    @Test func logsFilterByTenantFailureAndRequestID() throws {
        let directory = try populatedStore()
        let store = directory.path + "/store"
        let all = try CLIRunner.run(["logs", "--store", store])
        #expect(all.stdout.split(separator: "\n").count == 4)
        let failed = try CLIRunner.run(["logs", "--store", store, "--failed", "--json"])
        let failedLines = failed.stdout.split(separator: "\n")
        #expect(failedLines.count == 1)
        let record = try JSONParser.parse(Array(failedLines[0].utf8))
        #expect(record["status"]?.numberValue?.int64Value == 529)
        #expect(record["error"]?.stringValue == "anthropic HTTP 529: overloaded")
        #expect(record["cost_picodollars"]?.numberValue?.int64Value == 0)
        let byTenant = try CLIRunner.run(["logs", "--store", store, "--tenant", "acme", "--limit", "1"])
        #expect(byTenant.stdout.split(separator: "\n").count == 1)
        #expect(byTenant.stdout.contains("req-1") && byTenant.stdout.contains("saved $0.00003"))
        let one = try CLIRunner.run(["logs", "--store", store, "--request-id", "req-3", "--json"])
        #expect(try JSONParser.parse(Array(one.stdout.utf8))["cost_usd"]?.isNull == true, "an unknown cost is null")
    }

    @Test func cacheStatsShowsEachTenantsHitRateAndModels() throws {
        let directory = try populatedStore()
        let json = try CLIRunner.run(["cache", "stats", "--json", "--store", directory.path + "/store"])
        let stats = try JSONParser.parse(Array(json.stdout.utf8))
        let acme = try #require(stats["tenants"]?.arrayValue?.first)
        #expect(acme["tenant"]?.stringValue == "acme")
        #expect(acme["hit_rate"]?.numberValue?.doubleValue == 0.5)
        #expect(acme["top_models"]?[0]?["model"]?.stringValue == "gpt-4o-mini")
        #expect(acme["oldest"]?.stringValue != nil)
    }

    @Test(arguments: ["usage", "savings", "logs"])
    func everyReportHasHelpWithAnExample(command: String) throws {
        let help = try CLIRunner.run([command, "--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("Examples:") && help.stdout.contains("aigw \(command)"))
        #expect(help.stdout.contains("--json"))
    }
}
