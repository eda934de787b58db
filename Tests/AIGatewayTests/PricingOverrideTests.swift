import Foundation
import Testing
@testable import AIGateway

@Suite struct PricingOverrideTests {
    /// Writes `contents` to a file in a fresh temporary directory, runs `body`, then removes it.
    private func withFile<T>(_ contents: String, _ body: (String) throws -> T) throws -> T {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("pricing-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("prices.json").path
        try Data(contents.utf8).write(to: URL(fileURLWithPath: path))
        return try body(path)
    }

    private func overrideFile(models: String) -> String {
        #"{ "format": 1, "version": 7, "effective_date": "2027-01-01", "models": { \#(models) } }"#
    }

    @Test func overrideReplacesAndAddsFamiliesByName() throws {
        let file = overrideFile(models: #"""
            "gpt-4o-mini": { "provider": "openai", "input": "1", "output": "2" },
            "house-model": { "provider": "self-hosted", "input": "0.000001", "output": "0.000002" }
            """#)
        let table = try withFile(file) { try PriceTable.load(overridePath: $0) }
        #expect(table.version == 7)
        #expect(table.effectiveDate == "2027-01-01")
        #expect(table.price(for: "gpt-4o-mini-2024-07-18")?.inputPerMillion == USD(parsing: "1"))
        #expect(table.price(for: "gpt-4o-mini")?.cachedInputPerMillion == nil)
        #expect(table.cost(model: "house-model", usage: BilledTokens(uncachedInput: 1_000_000, output: 1_000_000))
            == USD(parsing: "0.000003"))
        // Families the override does not mention keep their shipped prices.
        #expect(table.price(for: "claude-3-5-haiku")?.outputPerMillion == USD(parsing: "4.00"))
    }

    @Test func noOverridePathMeansTheShippedTable() throws {
        #expect(try PriceTable.load(overridePath: nil) == PriceTable.shipped())
    }

    @Test(arguments: [
        (#"{ "format": 1, "version": 1, "effective_date": "x", "models": { "m": { "provider": "p", "input": 0.15, "output": "1" } } }"#,
         "decimal strings"),
        (#"{ "format": 1, "version": 1, "effective_date": "x", "models": { "m": { "provider": "p", "input": "0.15", "output": "1", "cachd_input": "1" } } }"#,
         "unknown field \"cachd_input\""),
        (#"{ "format": 1, "version": 1, "effective_date": "x", "models": { "m": { "provider": "p", "input": "abc", "output": "1" } } }"#,
         "model \"m\": input \"abc\""),
        (#"{ "format": 1, "version": 1, "effective_date": "x", "models": { "m": { "provider": "p", "input": "-1", "output": "1" } } }"#,
         "non-negative"),
        (#"{ "format": 1, "version": 1, "effective_date": "x", "models": { "m": { "provider": "p", "input": "0.0000001", "output": "1" } } }"#,
         "more than 6 decimals"),
        (#"{ "format": 1, "version": 1, "effective_date": "x", "models": { "M": { "provider": "p", "input": "1", "output": "1" } } }"#,
         "lower case"),
        (#"{ "format": 1, "version": 1, "effective_date": "x", "models": { "m": { "provider": "p", "input": "1" } } }"#,
         "models.m.output: required field is missing"),
        (#"{ "format": 2, "version": 1, "effective_date": "x", "models": {} }"#,
         "format 2 is not supported"),
        (#"{ "format": 1, "version": 1, "effective_date": "x", "models": { "#,
         "not a valid price table"),
    ])
    func badOverrideFileNamesTheFileAndTheProblem(contents: String, problem: String) throws {
        try withFile(contents) { path in
            do {
                _ = try PriceTable.load(overridePath: path)
                Issue.record("expected an error for \(contents)")
            } catch {
                #expect("\(error)".contains(path), "\(error)")
                #expect("\(error)".contains(problem), "\(error)")
            }
        }
    }

    @Test func missingOverrideFileIsAnError() {
        let path = "/nonexistent/\(UUID().uuidString)/prices.json"
        #expect(throws: PriceTableError.unreadable(file: path, reason: "no such file")) {
            try PriceTable.load(overridePath: path)
        }
    }
}
