import AIGateway
import Foundation
import Testing

@Suite struct CacheCommandTests {
    /// A store with three entries: two of tenant acme (one a day old), one of tenant globex.
    private func populatedStore() throws -> (TemporaryDirectory, [CacheEntry]) {
        let directory = try TemporaryDirectory()
        let now = Int64(Date().timeIntervalSince1970 * 1_000)
        let entries = [
            entry("fresh acme", tenant: "acme", model: "gpt-4o-mini", createdAtMs: now),
            entry("old acme", tenant: "acme", model: "claude-3-5-haiku", createdAtMs: now - 86_400_000 - 60_000),
            entry("globex", tenant: "globex", model: "gpt-4o", createdAtMs: now),
        ]
        let store = try CacheStore(path: directory.path + "/store")
        try store.put(contentsOf: entries)
        store.close()
        return (directory, entries)
    }

    private func entry(_ name: String, tenant: String, model: String, createdAtMs: Int64) -> CacheEntry {
        let document = Array("aigw-key 1\nbody \(name)\n".utf8)
        return CacheEntry(
            key: CacheKey(hashing: document), keyDocument: document, tenant: tenant,
            provider: model.hasPrefix("claude") ? "anthropic" : "openai", model: model,
            endpoint: "/v1/chat/completions", createdAtMs: createdAtMs,
            responseBody: Array(#"{"answer":"\#(name)"}"#.utf8),
            cost: USD(parsing: "0.000135")
        )
    }

    @Test func statsCountsEntriesPerTenantAndModel() throws {
        let (directory, _) = try populatedStore()
        let text = try CLIRunner.run(["cache", "stats", "--store", directory.path + "/store"])
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains("entries   3"))
        let json = try CLIRunner.run(["cache", "stats", "--json"], environment: ["AIGW_STORE": directory.path + "/store"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["entries"] as? Int == 3)
        let tenants = try #require(object["tenants"] as? [[String: Any]])
        #expect(Set(tenants.compactMap { $0["tenant"] as? String }) == ["acme", "globex"])
    }

    @Test func listShowsEntriesFilteredByTenant() throws {
        let (directory, entries) = try populatedStore()
        let result = try CLIRunner.run(["cache", "ls", "--store", directory.path + "/store", "--tenant", "globex"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains(entries[2].key.hex))
        #expect(!result.stdout.contains(entries[0].key.hex))
        #expect(result.stdout.contains("$0.000135"))
    }

    @Test func showPrintsTheKeyDocumentAndResponse() throws {
        let (directory, entries) = try populatedStore()
        let result = try CLIRunner.run(["cache", "show", entries[0].key.hex, "--store", directory.path + "/store"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("body fresh acme"))
        #expect(result.stdout.contains(#"{"answer":"fresh acme"}"#))
    }

    @Test func showOfAnUnknownKeyFailsClearly() throws {
        let (directory, _) = try populatedStore()
        let result = try CLIRunner.run(["cache", "show", String(repeating: "0", count: 32), "--store", directory.path + "/store"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("no entry with key"))
        let malformed = try CLIRunner.run(["cache", "show", "not-a-key", "--store", directory.path + "/store"])
        #expect(malformed.status != 0)
    }

    @Test func removeDeletesOneEntry() throws {
        let (directory, entries) = try populatedStore()
        let store = directory.path + "/store"
        #expect(try CLIRunner.run(["cache", "rm", entries[1].key.hex, "--store", store]).status == 0)
        #expect(try CLIRunner.run(["cache", "show", entries[1].key.hex, "--store", store]).status == 1)
        #expect(try CLIRunner.run(["cache", "rm", entries[1].key.hex, "--store", store]).status == 1)
    }

    @Test func purgeByAgeAndTenant() throws {
        let (directory, entries) = try populatedStore()
        let store = directory.path + "/store"
        let byAge = try CLIRunner.run(["cache", "purge", "--older-than", "1d", "--store", store])
        #expect(byAge.status == 0, "\(byAge.stderr)")
        #expect(byAge.stdout.contains("removed 1 entry"))
        let byTenant = try CLIRunner.run(["cache", "purge", "--tenant", "globex", "--store", store, "--json"])
        #expect(byTenant.stdout.contains("\"removed\" : 1"))
        let left = try CLIRunner.run(["cache", "ls", "--store", store])
        #expect(left.stdout.contains(entries[0].key.hex))
        #expect(!left.stdout.contains(entries[2].key.hex))
    }

    @Test func badAgeIsRejectedWithUsage() throws {
        let directory = try TemporaryDirectory()
        let result = try CLIRunner.run(["cache", "purge", "--older-than", "7 days", "--store", directory.path])
        #expect(result.status != 0)
        #expect(result.stderr.contains("older-than"))
    }

    @Test func storePathThatIsAFileIsAClearError() throws {
        let directory = try TemporaryDirectory()
        let file = try directory.write("not-a-store", "hello")
        let result = try CLIRunner.run(["cache", "stats", "--store", file])
        #expect(result.status == 1)
        #expect(result.stderr.contains("is a file"))
    }

    @Test func statsOnAMissingStoreSaysSo() throws {
        let directory = try TemporaryDirectory()
        let result = try CLIRunner.run(["cache", "stats", "--store", directory.path + "/nothing-here"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("nothing-here"))
    }
}
