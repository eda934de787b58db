import FakeProvider
import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The built `aigw` binary run as a separate process against a store, as a user would run it
/// while the server runs: to completion (``run(_:)``) or followed line by line (``start(_:)``).
final class AIGWProcess {
    /// What the reader thread collects, shared with it.
    private final class Collected: Sendable {
        let lines = Mutex<[String]>([])
        let finished = Mutex(false)
    }

    static let executable = BuiltProduct.executable("aigw")

    private let process: Process
    private let collected = Collected()
    private let reader: Thread

    private init(_ arguments: [String]) throws {
        process = Process()
        process.executableURL = Self.executable
        process.arguments = arguments
        process.environment = BuiltProduct.aigwEnvironment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        let handle = output.fileHandleForReading
        let collected = self.collected
        reader = Thread {
            var pending = Data()
            while case let chunk = handle.availableData, !chunk.isEmpty {
                pending.append(chunk)
                while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                    let line = String(decoding: pending[pending.startIndex..<newline], as: UTF8.self)
                    pending.removeSubrange(pending.startIndex...newline)
                    collected.lines.withLock { $0.append(line) }
                }
            }
            collected.finished.withLock { $0 = true }
        }
        try process.run()
        reader.start()
    }

    /// Starts `aigw arguments…` and collects its stdout lines as they come.
    static func start(_ arguments: [String]) throws -> AIGWProcess {
        try AIGWProcess(arguments)
    }

    /// Runs `aigw arguments…` to completion; its exit status and stdout.
    static func run(_ arguments: [String]) async throws -> (status: Int32, stdout: String) {
        let child = try AIGWProcess(arguments)
        while child.process.isRunning || !child.collected.finished.withLock({ $0 }) {
            try await Task.sleep(for: .milliseconds(20))
        }
        return (child.process.terminationStatus, child.output.joined(separator: "\n"))
    }

    var output: [String] { collected.lines.withLock { $0 } }

    /// Waits until `condition` holds for the lines so far, or `timeout` passes; returns whether it held.
    func waitForOutput(timeout: Duration, _ condition: ([String]) -> Bool) async throws -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if condition(output) { return true }
            try await Task.sleep(for: .milliseconds(20))
        }
        return condition(output)
    }

    /// Sends SIGINT, as Ctrl-C does, and waits for the process to end; returns whether it ended.
    func interrupt(timeout: Duration = .seconds(10)) async throws -> Bool {
        kill(process.processIdentifier, SIGINT)
        let deadline = ContinuousClock.now + timeout
        while process.isRunning && ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            return false
        }
        return true
    }
}
