import AIGatewayCore
import Synchronization

/// A gateway's fixtures while it runs: the directory, the mode, and how often each key has been
/// asked for, so that identical requests recorded with different answers replay in order.
final class FixtureSession: Sendable {
    /// What to do for one request.
    enum Turn: Sendable {
        /// Answer from this fixture.
        case replay(FixtureDirectory.Entry)
        /// Call the provider and record the answer as this sequence number.
        case record(sequence: Int)
        /// Replay mode and nothing on file.
        case miss
    }

    let settings: FixtureSettings
    let directory: FixtureDirectory
    let scan: FixtureSecretScan
    private let counts = Mutex<[CacheKey: KeyTurns]>([:])

    private struct KeyTurns {
        var asked = 0
        /// Decided at the key's first request: in record mode a key is recorded only when it
        /// had no fixture at all, so that a replayed sequence is never extended by accident.
        var recording: Bool
    }

    init(settings: FixtureSettings, providerSecrets: [String]) throws(FixtureError) {
        self.settings = settings
        directory = try FixtureDirectory(path: settings.directory)
        scan = FixtureSecretScan(secrets: settings.secrets + providerSecrets)
    }

    var mode: FixtureMode { settings.mode }

    /// The next turn of `key`; each call counts as one request.
    func nextTurn(for key: CacheKey) -> Turn {
        let (sequence, recording) = counts.withLock { counts in
            var turns = counts[key] ?? KeyTurns(recording: isRecording(newKey: key))
            defer { turns.asked += 1; counts[key] = turns }
            return (turns.asked, turns.recording)
        }
        if recording { return .record(sequence: sequence) }
        if let entry = directory.fixture(for: key, sequence: sequence) { return .replay(entry) }
        return .miss
    }

    private func isRecording(newKey key: CacheKey) -> Bool {
        switch settings.mode {
        case .replay, .live: false
        case .record: !directory.hasFixtures(for: key)
        case .rerecord: true
        }
    }

    /// Keeps a recorded answer. A turn whose answer equals the previous turn's is not written
    /// (replay falls back to the previous file), and in rerecord mode an older file for that
    /// turn is removed so it cannot replay a stale answer.
    func keep(_ fixture: Fixture) throws(FixtureError) -> Fixture {
        if fixture.sequence > 0, let previous = directory.fixture(for: fixture.key, sequence: fixture.sequence - 1),
           previous.fixture.hasSameAnswer(as: fixture) {
            try scan.check(fixture.jsonValue)
            try directory.remove(key: fixture.key, sequence: fixture.sequence)
            return previous.fixture
        }
        return try directory.write(fixture, scan: scan).fixture
    }
}
