import AIGatewayCore
import Foundation
import Synchronization

/// The fixture files of one directory, read once and kept in memory, and written back as
/// exchanges are recorded. Only the top level is read; the file name is for people (see
/// ``Fixture/fileName``), a fixture's identity is the key and sequence inside it.
public final class FixtureDirectory: Sendable {
    /// A fixture and the name of the file it came from (or went to).
    public struct Entry: Sendable {
        public var file: String
        public var fixture: Fixture
    }

    public let path: String
    private let entries: Mutex<[Entry]>

    /// Reads every `*.json` file of `path`; a directory that does not exist yet is empty.
    public init(path: String) throws(FixtureError) {
        self.path = path
        entries = Mutex(try Self.read(path))
    }

    static func read(_ path: String) throws(FixtureError) -> [Entry] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: path)
        } catch {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue {
                throw .unreadable(file: path, reason: "not a directory")
            }
            return []
        }
        var entries: [Entry] = []
        for name in names.sorted() where name.hasSuffix(".json") {
            let file = (path as NSString).appendingPathComponent(name)
            guard let data = FileManager.default.contents(atPath: file) else {
                throw .unreadable(file: file, reason: "cannot read the file")
            }
            entries.append(Entry(file: name, fixture: try Fixture(fileBytes: Array(data), file: file)))
        }
        return entries
    }

    /// Every fixture, in file name order.
    public var all: [Entry] { entries.withLock { $0 }.sorted { $0.file < $1.file } }

    func hasFixtures(for key: CacheKey) -> Bool {
        entries.withLock { $0.contains { $0.fixture.key == key } }
    }

    /// The answer for turn `sequence` of `key`: the fixture with that sequence, else the latest
    /// one before it (an answer that did not change was not written again), else the first one
    /// after it (a turn whose recording failed left a gap).
    func fixture(for key: CacheKey, sequence: Int) -> Entry? {
        let recorded = entries.withLock { entries in entries.filter { $0.fixture.key == key } }
        return recorded.filter { $0.fixture.sequence <= sequence }.max { $0.fixture.sequence < $1.fixture.sequence }
            ?? recorded.min { $0.fixture.sequence < $1.fixture.sequence }
    }

    /// Writes `fixture` unless the same answer is already on file for it: a file whose content
    /// differs only in `recorded_at` keeps its bytes, so re-recording produces no diff.
    /// - Returns: the entry now on file.
    @discardableResult
    func write(_ fixture: Fixture, scan: FixtureSecretScan) throws(FixtureError) -> Entry {
        let value = fixture.jsonValue
        try scan.check(value)
        let existing = entries.withLock { entries in
            entries.first { $0.fixture.key == fixture.key && $0.fixture.sequence == fixture.sequence }
        }
        if let existing {
            var unchanged = fixture
            unchanged.recordedAt = existing.fixture.recordedAt
            if unchanged == existing.fixture { return existing }
        }
        let name = existing?.file ?? fixture.fileName
        let file = (path as NSString).appendingPathComponent(name)
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            try Data(Fixture.fileBytes(of: value)).write(to: URL(fileURLWithPath: file), options: .atomic)
        } catch {
            throw .writeFailed(file: file, reason: "\(error)")
        }
        let entry = Entry(file: name, fixture: fixture)
        entries.withLock { entries in
            entries.removeAll { $0.fixture.key == fixture.key && $0.fixture.sequence == fixture.sequence }
            entries.append(entry)
        }
        return entry
    }

    /// Writes `fixture` as ``write(_:scan:)`` does, refusing it if it holds anything shaped like
    /// a key or any of `secrets`.
    @discardableResult
    public func write(_ fixture: Fixture, secrets: [String] = []) throws(FixtureError) -> Entry {
        try write(fixture, scan: FixtureSecretScan(secrets: secrets))
    }

    /// Removes the file of turn `sequence` of `key`, if there is one.
    public func remove(key: CacheKey, sequence: Int) throws(FixtureError) {
        let removed = entries.withLock { entries in
            let matching = entries.filter { $0.fixture.key == key && $0.fixture.sequence == sequence }
            entries.removeAll { $0.fixture.key == key && $0.fixture.sequence == sequence }
            return matching
        }
        for entry in removed {
            let file = (path as NSString).appendingPathComponent(entry.file)
            do { try FileManager.default.removeItem(atPath: file) } catch { throw .writeFailed(file: file, reason: "\(error)") }
        }
    }
}

extension Fixture {
    /// `<key>.<provider>-<model>.json`, with `.<sequence>` after the key for later turns: the
    /// key first so a miss message's key finds the file, then a slug to read.
    public var fileName: String {
        let slug = "\(request.provider.rawValue)-\(request.model)".lowercased().map { character -> Character in
            character.isASCII && (character.isLetter || character.isNumber || character == "-" || character == "_") ? character : "-"
        }
        let turn = sequence == 0 ? "" : ".\(sequence)"
        return "\(key.hex)\(turn).\(String(slug.prefix(60))).json"
    }
}
