import AIGateway
import ArgumentParser

struct FixturesVerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Re-canonicalize every fixture and list those whose key no longer matches.",
        discussion: """
            A key changes when the canonical form's rules change (a new key version). A
            stale fixture is never replayed; --fix rewrites it under its current key and
            canonical request (the recorded answer stays: the request still means the
            same). Exits with status 1 when stale fixtures remain.

            Examples:
              aigw fixtures verify Fixtures
              aigw fixtures verify Fixtures --fix
              aigw fixtures verify Fixtures --json
            """
    )

    @OptionGroup var location: FixtureDirectoryArgument

    @Flag(help: "Rewrite stale fixtures under their current key.")
    var fix = false

    @Flag(help: "Print JSON for scripts instead of text.")
    var json = false

    struct Stale: Encodable {
        var file: String
        var key: String
        var currentKey: String?
        var problem: String?

        enum CodingKeys: String, CodingKey { case file, key, currentKey = "current_key", problem }
    }

    struct Report: Encodable {
        var checked: Int
        var stale: [Stale]
        var fixed: Bool
        var fixCommand: String?

        enum CodingKeys: String, CodingKey { case checked, stale, fixed, fixCommand = "fix_command" }
    }

    func run() throws {
        try runReportingErrors {
            let directory = try location.open()
            let entries = directory.all
            var stale: [Stale] = []
            var current: [(FixtureDirectory.Entry, Fixture)] = []
            for entry in entries {
                do {
                    let rekeyed = try entry.fixture.rekeyed()
                    guard rekeyed.key != entry.fixture.key || rekeyed.keyVersion != entry.fixture.keyVersion else { continue }
                    stale.append(Stale(file: entry.file, key: entry.fixture.key.hex, currentKey: rekeyed.key.hex))
                    current.append((entry, rekeyed))
                } catch {
                    stale.append(Stale(file: entry.file, key: entry.fixture.key.hex, problem: "\(error)"))
                }
            }
            if fix {
                for (entry, rekeyed) in current {
                    do {
                        try directory.remove(key: entry.fixture.key, sequence: entry.fixture.sequence)
                        try directory.write(rekeyed)
                    } catch {
                        throw CLIError("\(error)")
                    }
                }
            }
            let fixCommand = "aigw fixtures verify \(location.directory) --fix"
            let report = Report(checked: entries.count, stale: stale, fixed: fix && !current.isEmpty,
                                fixCommand: stale.isEmpty || fix ? nil : fixCommand)
            if json {
                try Terminal.printJSON(report)
            } else {
                print(text(report))
            }
            if !stale.isEmpty && (!fix || current.count < stale.count) { throw ExitCode(1) }
        }
    }

    private func text(_ report: Report) -> String {
        guard !report.stale.isEmpty else { return "\(report.checked) fixtures, every key current (key version \(KeyDocument.keyVersion))" }
        var lines = ["\(report.stale.count) of \(report.checked) fixtures \(fix ? "were" : "are") stale:"]
        for item in report.stale {
            if let problem = item.problem {
                lines.append("  \(item.file): cannot be canonicalized: \(problem)")
            } else {
                lines.append("  \(item.file): key \(item.key) is now \(item.currentKey ?? "?")\(fix ? " (rewritten)" : "")")
            }
        }
        if let command = report.fixCommand { lines.append("fix: \(command)") }
        return lines.joined(separator: "\n")
    }
}
