@testable import AIGateway
@testable import AIGatewayStore
import Foundation
import Testing

/// Tests with a second process: the `StoreCrashWriter` executable, built before this bundle.
@Suite struct StoreProcessTests {
    @Test func everyCommittedEntrySurvivesSIGKILL() throws {
        try withTemporaryDirectory { path in
            let writer = try CrashWriter(storePath: path)
            var keys: [CacheKey] = []
            while keys.count < 200 {
                keys.append(try #require(try writer.nextKey(timeout: 60), "the writer stopped after \(keys.count) keys"))
            }
            writer.kill()
            // Lines already in the pipe were printed after their commits, so they count too.
            while let key = try writer.nextKey(timeout: 5) { keys.append(key) }

            let store = try CacheStore(path: path, options: StoreOptions(defaultTTL: nil))
            defer { store.close() }
            for (index, key) in keys.enumerated() {
                let entry = try #require(try store.entry(key), "committed key \(index) is missing")
                #expect(entry.keyDocument == Array("crash-writer entry \(index)".utf8))
                #expect(CacheKey(hashing: entry.keyDocument) == key)
                #expect(entry.responseBody == Array(String(repeating: key.hex + "\n", count: 128).utf8))
            }
            #expect(try store.stats().corruptEntries == 0)
        }
    }

    @Test func readerSeesEntriesAnotherProcessCommits() throws {
        try withTemporaryDirectory { path in
            // A small map here, the writer's default map there: reading its data needs MDB_MAP_RESIZED handling.
            let reader = try CacheStore(path: path, options: StoreOptions(defaultTTL: nil, initialMapSize: 1 << 20))
            defer { reader.close() }
            let writer = try CrashWriter(storePath: path, count: 400)
            defer { writer.kill() }
            for index in 0..<400 {
                let key = try #require(try writer.nextKey(timeout: 60), "the writer stopped after \(index) keys")
                let document = Array("crash-writer entry \(index)".utf8)
                #expect(key == CacheKey(hashing: document))
                let result = try reader.lookup(key, document: document)
                #expect(result.entry?.responseBody == Array(String(repeating: key.hex + "\n", count: 128).utf8), "entry \(index): \(result)")
            }
            #expect(try reader.stats().entries == 400)
            #expect(reader.environment.mapSize > 1 << 20)
        }
    }
}

/// A running `StoreCrashWriter` and its stdout, read line by line with timeouts.
final class CrashWriter {
    let process = Process()
    private let output = Pipe()
    private var buffer: [UInt8] = []
    private var ended = false

    init(storePath: String, count: Int? = nil) throws {
        process.executableURL = try Self.executable()
        process.arguments = [storePath] + (count.map { [String($0)] } ?? [])
        process.standardOutput = output
        try process.run()
    }

    deinit { kill() }

    func kill() {
        if process.isRunning {
            _ = Foundation.kill(process.processIdentifier, SIGKILL)
        }
        process.waitUntilExit()
    }

    /// The key of the next "committed <hex>" line; nil at end of output or after `timeout` seconds.
    func nextKey(timeout: Double) throws -> CacheKey? {
        guard let line = nextLine(timeout: timeout) else { return nil }
        guard line.hasPrefix("committed "), let key = CacheKey(hex: line.dropFirst("committed ".count)) else {
            throw CrashWriterError(message: "unexpected writer output: \(line)")
        }
        return key
    }

    private func nextLine(timeout: Double) -> String? {
        let deadline = Date().addingTimeInterval(timeout)
        let descriptor = output.fileHandleForReading.fileDescriptor
        while true {
            if let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: buffer[..<newline], as: UTF8.self)
                buffer.removeSubrange(...newline)
                return line
            }
            let remaining = deadline.timeIntervalSinceNow
            guard !ended, remaining > 0 else { return nil }
            var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, Int32(min(remaining, 1) * 1000)) > 0 else {
                // The writer died and its write end is closed only in our copy: stop at exit.
                if !process.isRunning && poll(&poller, 1, 0) <= 0 { ended = true }
                continue
            }
            var chunk = [UInt8](repeating: 0, count: 4096)
            let count = read(descriptor, &chunk, chunk.count)
            if count <= 0 { ended = true } else { buffer += chunk[..<count] }
        }
    }

    private static func executable() throws -> URL {
        var directories: [URL] = []
        for start in [URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath(),
                      URL(fileURLWithPath: CommandLine.arguments[0]),
                      Bundle.main.bundleURL] {
            var directory = start.deletingLastPathComponent()
            for _ in 0..<3 {
                directories.append(directory)
                directory = directory.deletingLastPathComponent()
            }
        }
        for directory in directories {
            let candidate = directory.appendingPathComponent("StoreCrashWriter")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        throw CrashWriterError(message: "StoreCrashWriter not found near \(directories.first?.path ?? "?")")
    }
}

struct CrashWriterError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
