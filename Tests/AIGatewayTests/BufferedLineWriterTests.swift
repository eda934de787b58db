@testable import AIGateway
import Foundation
import Testing

/// The standard-error sink batches lines; nothing may be lost, reordered or cut, and a line
/// must not wait long.
@Suite struct BufferedLineWriterTests {
    /// A pipe whose read end is non-blocking, so reading what is there never hangs a test.
    final class Pipe: @unchecked Sendable {
        let readEnd: Int32
        let writeEnd: Int32

        init() throws {
            var ends: [Int32] = [0, 0]
            guard pipe(&ends) == 0 else { throw CocoaError(.fileWriteUnknown) }
            readEnd = ends[0]
            writeEnd = ends[1]
            _ = fcntl(readEnd, F_SETFL, fcntl(readEnd, F_GETFL) | O_NONBLOCK)
            // Room for every test's lines without blocking the writer.
            _ = fcntl(writeEnd, 1031 /* F_SETPIPE_SZ */, 1 << 20)
        }

        deinit {
            close(readEnd)
            close(writeEnd)
        }

        func available() -> String {
            var out: [UInt8] = []
            var chunk = [UInt8](repeating: 0, count: 65_536)
            while true {
                let count = read(readEnd, &chunk, chunk.count)
                guard count > 0 else { break }
                out += chunk[0..<count]
            }
            return String(decoding: out, as: UTF8.self)
        }
    }

    @Test func linesFromManyThreadsArriveWholeAndEachThreadsInOrder() async throws {
        let pipe = try Pipe()
        let writer = BufferedLineWriter(descriptor: pipe.writeEnd)
        await withTaskGroup(of: Void.self) { group in
            for thread in 0..<4 {
                group.addTask { for index in 0..<2_000 { writer.write("t\(thread) line \(index) " + String(repeating: "x", count: 40)) } }
            }
        }
        writer.flush()
        let lines = pipe.available().split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.last == "")
        let written = lines.dropLast()
        #expect(written.count == 8_000)
        for thread in 0..<4 {
            let mine = written.filter { $0.hasPrefix("t\(thread) ") }.map { Int($0.split(separator: " ")[2])! }
            #expect(mine == Array(0..<2_000))
        }
    }

    @Test func aLineIsWrittenByTheTimerWithoutAFlush() async throws {
        let pipe = try Pipe()
        let writer = BufferedLineWriter(descriptor: pipe.writeEnd)
        writer.write("soon")
        #expect(pipe.available() == "")
        var seen = ""
        for _ in 0..<100 where seen.isEmpty {
            try await Task.sleep(for: .milliseconds(10))
            seen = pipe.available()
        }
        #expect(seen == "soon\n")
    }

    @Test func aFullBatchIsWrittenAtOnce() throws {
        let pipe = try Pipe()
        let writer = BufferedLineWriter(descriptor: pipe.writeEnd)
        let line = String(repeating: "y", count: 1_000)
        for _ in 0..<(BufferedLineWriter.capacity / 1_000 + 1) { writer.write(line) }
        #expect(pipe.available().count >= BufferedLineWriter.capacity)
    }
}
