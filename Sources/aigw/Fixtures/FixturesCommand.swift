import AIGateway
import ArgumentParser

struct FixturesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fixtures",
        abstract: "List, check and convert recorded provider exchanges (fixture files).",
        discussion: """
            A fixture directory holds one JSON file per recorded exchange, named by its
            cache key (docs/fixtures.md). Record them with 'aigw serve --fixtures DIR
            --mode record' or the library's fixtures setting; replay them with --mode
            replay.

            Examples:
              aigw fixtures ls Fixtures
              aigw fixtures verify Fixtures
              aigw fixtures import Fixtures --store ./.aigw
              aigw fixtures export recorded --tenant acme --model gpt-4o-mini
            """,
        subcommands: [FixturesListCommand.self, FixturesVerifyCommand.self, FixturesImportCommand.self, FixturesExportCommand.self]
    )
}

extension FixtureMode: ExpressibleByArgument {}

/// The fixture directory argument every `aigw fixtures` command takes.
struct FixtureDirectoryArgument: ParsableArguments {
    @Argument(help: "The fixture directory.")
    var directory: String = "Fixtures"

    func open() throws -> FixtureDirectory {
        do {
            return try FixtureDirectory(path: directory)
        } catch {
            throw CLIError("\(error)")
        }
    }
}

extension Fixture {
    /// How the answer was recorded, in a word or two: `json`, `stream`, `error 429`.
    var answerKind: String {
        switch response.content {
        case .json: "json"
        case .events: "stream"
        case .error: "error \(response.status)"
        }
    }
}
