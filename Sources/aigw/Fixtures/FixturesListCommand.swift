import AIGateway
import ArgumentParser

struct FixturesListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ls",
        abstract: "List the fixtures of a directory.",
        discussion: """
            Examples:
              aigw fixtures ls Fixtures
              aigw fixtures ls Fixtures --json | jq -r '.[] | select(.answer == "stream") | .file'
            """
    )

    @OptionGroup var location: FixtureDirectoryArgument

    @Flag(help: "Print JSON for scripts instead of text.")
    var json = false

    func run() throws {
        try runReportingErrors {
            let rows = try location.open().all.map(FixtureRow.init)
            if json {
                try Terminal.printJSON(rows)
                return
            }
            if rows.isEmpty {
                print("no fixtures in \(location.directory)")
                return
            }
            let table = [["FILE", "SEQ", "PROVIDER", "MODEL", "ANSWER", "RECORDED", "COST"]]
                + rows.map { [$0.file, String($0.sequence), $0.provider, $0.model, $0.answer, $0.recordedAt, $0.costUSD ?? ($0.status == 200 ? "unknown" : "-")] }
            print(Terminal.table(table, rightAligned: [1, 6]))
        }
    }
}

/// One fixture as `aigw fixtures ls` shows it.
struct FixtureRow: Encodable {
    var file: String
    var key: String
    var keyVersion: Int
    var sequence: Int
    var provider: String
    var endpoint: String
    var model: String
    var scope: String
    var answer: String
    var status: Int
    var recordedAt: String
    var costUSD: String?

    enum CodingKeys: String, CodingKey {
        case file, key, keyVersion = "key_version", sequence, provider, endpoint, model, scope, answer, status
        case recordedAt = "recorded_at", costUSD = "cost_usd"
    }

    init(_ entry: FixtureDirectory.Entry) {
        let fixture = entry.fixture
        file = entry.file
        key = fixture.key.hex
        keyVersion = fixture.keyVersion
        sequence = fixture.sequence
        provider = fixture.request.provider.rawValue
        endpoint = fixture.request.endpoint
        model = fixture.request.model
        scope = switch fixture.scope {
        case .tenant(let tenant, let namespace): "tenant \(tenant)" + (namespace.map { "/\($0)" } ?? "")
        case .shared(let namespace): "shared \(namespace)"
        }
        answer = fixture.answerKind
        status = fixture.response.status
        recordedAt = fixture.recordedAt
        costUSD = fixture.cost?.plainAmount
    }
}
