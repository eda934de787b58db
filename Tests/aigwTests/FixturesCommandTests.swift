import AIGateway
import FakeProvider
import Foundation
import Testing

@Suite struct FixturesCommandTests {
    static let projectFixtures = URL(fileURLWithPath: ProjectExchange.fixturesDirectory)

    /// A copy of the project's fixtures, to change freely.
    private func copiedFixtures() throws -> (TemporaryDirectory, String) {
        let directory = try TemporaryDirectory()
        let copy = directory.url.appendingPathComponent("fixtures")
        try FileManager.default.copyItem(at: Self.projectFixtures, to: copy)
        return (directory, copy.path)
    }

    private func fixtureNames(_ path: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: path).filter { $0.hasSuffix(".json") }.sorted()
    }

    @Test func lsListsEveryFixtureAsTextAndJSON() throws {
        let (directory, path) = try copiedFixtures()
        defer { withExtendedLifetime(directory) {} }
        let text = try CLIRunner.run(["fixtures", "ls", path])
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains("stream") && text.stdout.contains("error 429"))
        let json = try CLIRunner.run(["fixtures", "ls", path, "--json"])
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(rows.count == (try fixtureNames(path)).count)
        #expect(rows.allSatisfy { ($0["key"] as? String)?.count == 32 })
    }

    @Test func verifyListsAStaleKeyWithTheCommandThatFixesIt() throws {
        let (directory, path) = try copiedFixtures()
        defer { withExtendedLifetime(directory) {} }
        #expect(try CLIRunner.run(["fixtures", "verify", path]).status == 0)
        let name = try #require(try fixtureNames(path).first)
        let file = (path as NSString).appendingPathComponent(name)
        let text = try String(contentsOfFile: file, encoding: .utf8)
        let key = String(name.prefix(32))
        try text.replacingOccurrences(of: key, with: String(repeating: "0", count: 32)).write(toFile: file, atomically: true, encoding: .utf8)

        let stale = try CLIRunner.run(["fixtures", "verify", path])
        #expect(stale.status == 1)
        #expect(stale.stdout.contains(name) && stale.stdout.contains("is now \(key)"))
        #expect(stale.stdout.contains("aigw fixtures verify \(path) --fix"))

        let fixed = try CLIRunner.run(["fixtures", "verify", path, "--fix"])
        #expect(fixed.status == 0, "\(fixed.stdout) \(fixed.stderr)")
        #expect(try CLIRunner.run(["fixtures", "verify", path]).status == 0)
        #expect(try fixtureNames(path).contains { $0.hasPrefix(key) })
    }

    @Test func importThenExportGivesBackTheSameKeys() throws {
        let (directory, path) = try copiedFixtures()
        let store = directory.path + "/store"
        let imported = try CLIRunner.run(["fixtures", "import", path, "--store", store])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.contains("skipped") && imported.stdout.contains("a recorded error"))

        let exportedPath = directory.path + "/exported"
        let exported = try CLIRunner.run(["fixtures", "export", exportedPath, "--store", store])
        #expect(exported.status == 0, "\(exported.stderr)")
        let originalKeys = Set(try FixtureDirectory(path: path).all.filter { $0.fixture.answerIsStored }.map(\.fixture.key))
        let exportedKeys = Set(try FixtureDirectory(path: exportedPath).all.map(\.fixture.key))
        #expect(!originalKeys.isEmpty && exportedKeys == originalKeys)

        let onlyOne = try CLIRunner.run(["fixtures", "export", directory.path + "/claude", "--store", store, "--model", "claude-3-5-haiku-20241022"])
        #expect(onlyOne.status == 0)
        #expect(try FixtureDirectory(path: directory.path + "/claude").all.allSatisfy { $0.fixture.request.provider == .anthropic })
    }
}

extension Fixture {
    /// Whether a store can hold this answer (it does not keep errors).
    var answerIsStored: Bool {
        if case .error = response.content { return false }
        return true
    }
}
