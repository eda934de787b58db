import Foundation

/// How a gateway uses its fixture directory.
public enum FixtureMode: String, Sendable, CaseIterable {
    /// Answers only from fixtures and never calls a provider; a request without a fixture
    /// fails with a message saying why and how to record it. For tests and CI.
    case replay
    /// Replays the keys that have fixtures and records the ones that have none; an existing
    /// file is never rewritten.
    case record
    /// Calls the provider for every request and rewrites the fixtures it touches (a file whose
    /// content did not change keeps its bytes).
    case rerecord
    /// Ignores fixtures: the gateway as it runs without them.
    case live

    /// The environment variable ``FixtureSettings/fromEnvironment(directory:default:environment:)``
    /// reads, so a test suite can be switched to recording without a code change.
    public static let environmentVariable = "AIGW_FIXTURES_MODE"
}

/// Where fixtures live and how they are used: ``AIGateway/Configuration/fixtures``.
public struct FixtureSettings: Sendable {
    public var directory: String
    public var mode: FixtureMode
    /// Values that must never reach a fixture file, besides anything shaped like an API key.
    /// The gateway adds the provider keys it holds.
    public var secrets: [String]
    /// What a replay miss tells the user to run to record the missing fixture.
    public var recordCommand: String

    public init(directory: String, mode: FixtureMode, secrets: [String] = [], recordCommand: String? = nil) {
        self.directory = directory
        self.mode = mode
        self.secrets = secrets
        self.recordCommand = recordCommand ?? "\(FixtureMode.environmentVariable)=record swift test"
    }

    /// Settings whose mode comes from `AIGW_FIXTURES_MODE` when it is set to a mode's name,
    /// else `default`. An unknown value is an error rather than a silent fallback: a typo must
    /// not turn a recording run into a failing replay, or a replay run into network calls.
    public static func fromEnvironment(
        directory: String,
        default mode: FixtureMode = .replay,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> FixtureSettings {
        guard let value = environment[FixtureMode.environmentVariable], !value.isEmpty else {
            return FixtureSettings(directory: directory, mode: mode)
        }
        guard let chosen = FixtureMode(rawValue: value) else {
            let names = FixtureMode.allCases.map(\.rawValue).joined(separator: ", ")
            throw FixtureError.invalidSetting("\(FixtureMode.environmentVariable)=\(value) is not a fixture mode; use one of \(names)")
        }
        return FixtureSettings(directory: directory, mode: chosen)
    }
}
