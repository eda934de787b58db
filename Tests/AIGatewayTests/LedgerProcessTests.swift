@testable import AIGateway
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Cross-process tests. The writer is this test bundle run again with a filter selecting
/// ``childWritesLedgerUntilKilled()`` (enabled only in the child by an environment variable),
/// so no extra executable target is needed.
@Suite struct LedgerProcessTests {
    static let childStoreVariable = "AIGW_LEDGER_CHILD_STORE"
    static var isChild: Bool { ProcessInfo.processInfo.environment[childStoreVariable] != nil }
    static let flushes = 40
    static let perFlush = 50

    static func event(cost picodollars: Int64) -> LedgerEvent {
        LedgerEvent(time: Date(timeIntervalSince1970: 1_795_953_600), tenant: "acme", model: "gpt-4o-mini",
                    provider: "openai", cache: .miss, tokens: BilledTokens(uncachedInput: 1, output: 1),
                    cost: USD(picodollars: picodollars))
    }

    @Test(.enabled(if: !isChild))
    func readerSeesAnotherProcessesFlushesAndACrashLosesOnlyPendingEvents() throws {
        try withTemporaryDirectory { path in
            let child = try LedgerChildProcess(storePath: path)
            defer { child.kill() }
            var lastFlushed = 0
            var lastRead: Int64 = 0
            var sawPending = false
            while let line = child.nextLine(timeout: 60) {
                if line.hasPrefix("ledger-child flushed "), let flushed = Int(line.dropFirst("ledger-child flushed ".count)) {
                    // Read while the other process keeps writing.
                    let total = try UsageLedger.read(storePath: path, filter: LedgerFilter()).aggregate(by: .day).total
                    #expect(total.requests >= Int64(flushed), "a flush the writer reported is visible")
                    #expect(total.requests >= lastRead, "totals never go back")
                    #expect(total.requests % Int64(Self.perFlush) == 0, "a flush is seen whole or not at all")
                    lastRead = total.requests
                    lastFlushed = flushed
                } else if line.hasPrefix("ledger-child pending") {
                    sawPending = true
                    break
                }
            }
            #expect(sawPending, "the writer stopped early")
            #expect(lastFlushed == Self.flushes * Self.perFlush)
            child.kill()

            let total = try UsageLedger.read(storePath: path, filter: LedgerFilter()).aggregate(by: .day).total
            let count = Int64(Self.flushes * Self.perFlush)
            #expect(total.requests == count, "every flushed event survives SIGKILL; the unflushed ones are lost")
            #expect(total.spend == USD(picodollars: count * (count + 1) / 2))
        }
    }

    /// The child half: flushes `flushes` batches, records one more batch without flushing, then
    /// waits to be killed.
    @Test(.enabled(if: isChild))
    func childWritesLedgerUntilKilled() throws {
        let path = try #require(ProcessInfo.processInfo.environment[Self.childStoreVariable])
        let ledger = try UsageLedger(storePath: path, flushInterval: .seconds(3600))
        var recorded: Int64 = 0
        for _ in 0..<Self.flushes {
            for _ in 0..<Self.perFlush {
                recorded += 1
                ledger.record(Self.event(cost: recorded))
            }
            try ledger.flush()
            Self.emit("ledger-child flushed \(recorded)")
        }
        for _ in 0..<Self.perFlush {
            recorded += 1
            ledger.record(Self.event(cost: recorded))
        }
        Self.emit("ledger-child pending \(recorded)")
        // Killed long before this; exit without flushing if the parent went away.
        sleep(120)
        _exit(1)
    }

    static func emit(_ text: String) {
        var line = text + "\n"
        line.withUTF8 { _ = write(1, $0.baseAddress, $0.count) }
    }
}

/// This test bundle running ``LedgerProcessTests/childWritesLedgerUntilKilled()``, with its stdout.
final class LedgerChildProcess {
    let process = Process()
    private let output = Pipe()
    private var buffer: [UInt8] = []

    init(storePath: String) throws {
        process.executableURL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        process.arguments = ["--testing-library", "swift-testing", "--filter", "childWritesLedgerUntilKilled"]
        var environment = ProcessInfo.processInfo.environment
        environment[LedgerProcessTests.childStoreVariable] = storePath
        process.environment = environment
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
    }

    deinit { kill() }

    func kill() {
        if process.isRunning { _ = Foundation.kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    /// The next line of output; nil at its end or after `timeout` seconds.
    func nextLine(timeout: Double) -> String? {
        let deadline = Date().addingTimeInterval(timeout)
        let descriptor = output.fileHandleForReading.fileDescriptor
        while true {
            if let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                defer { buffer.removeSubrange(...newline) }
                return String(decoding: buffer[..<newline], as: UTF8.self)
            }
            let remaining = deadline.timeIntervalSinceNow
            guard remaining > 0 else { return nil }
            var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, Int32(min(remaining, 1) * 1000)) > 0 else {
                if !process.isRunning && poll(&poller, 1, 0) <= 0 { return nil }
                continue
            }
            var chunk = [UInt8](repeating: 0, count: 4096)
            let count = read(descriptor, &chunk, chunk.count)
            if count <= 0 { return nil }
            buffer += chunk[..<count]
        }
    }
}
