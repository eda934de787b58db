@testable import AIGateway
import Foundation
import Synchronization
import Testing

@Suite struct EntryWriterTests {
    private static let mebibyte = 1024 * 1024

    private static func entry(_ number: UInt64, bytes: Int) -> CacheEntry {
        CacheEntry(key: CacheKey(high: number, low: number), keyDocument: Array("doc-\(number)".utf8), tenant: "", provider: "openai",
                   model: "gpt-4o-mini", endpoint: "/v1/chat/completions", createdAtMs: 0, expiresAtMs: nil,
                   responseFormat: .json, responseStatus: 200, responseBody: [UInt8](repeating: 0x61, count: bytes),
                   summary: [], usage: nil, cost: nil)
    }

    /// A commit that records each group's size and waits until `gate` opens.
    private final class Commits: Sendable {
        let groups = Mutex<[Int]>([])
        let open = Mutex(false)

        func commit(_ entries: [CacheEntry]) async {
            groups.withLock { $0.append(entries.count) }
            while !open.withLock({ $0 }) { try? await Task.sleep(for: .milliseconds(5)) }
        }
    }

    @Test func largeEntriesAreCommittedInTransactionsOfTheirOwn() async {
        let commits = Commits()
        let writer = EntryWriter(maxPendingBytes: 1 << 40, maxGroupBytes: 8 * Self.mebibyte) { await commits.commit($0) }
        let tickets = (1...3).map { writer.enqueue(Self.entry($0, bytes: 24 * Self.mebibyte)) }
        let small = (4...6).map { writer.enqueue(Self.entry($0, bytes: 1_000)) }
        commits.open.withLock { $0 = true }
        await writer.flush()
        #expect(commits.groups.withLock { $0 } == [1, 1, 1, 3])
        #expect(Set(tickets).count == 3)
        #expect(Set(small).count == 1)
        #expect(writer.pendingBytes == 0)
    }

    @Test func aMissWaitsForRoomWhileTheQueueIsFull() async throws {
        let commits = Commits()
        let writer = EntryWriter(maxPendingBytes: 30 * Self.mebibyte) { await commits.commit($0) }
        _ = writer.enqueue(Self.entry(1, bytes: 24 * Self.mebibyte))
        await writer.waitForRoom()  // 24 MiB pending: below the bound, no wait.
        _ = writer.enqueue(Self.entry(2, bytes: 24 * Self.mebibyte))
        let waited = Mutex(false)
        let miss = Task {
            await writer.waitForRoom()
            waited.withLock { $0 = true }
        }
        try await Task.sleep(for: .milliseconds(200))
        #expect(!waited.withLock { $0 })
        commits.open.withLock { $0 = true }
        await miss.value
        #expect(writer.pendingBytes < 30 * Self.mebibyte)
    }
}

/// Answers every call with a chat completion whose text is `bytes` long.
private struct LargeAnswerTransport: UpstreamTransport {
    let bytes: Int

    func send(_ request: UpstreamRequest) async throws -> UpstreamResponse {
        let head = #"{"id":"chatcmpl-large","object":"chat.completion","created":1,"model":"gpt-4o-mini","choices":[{"index":0,"message":{"role":"assistant","content":""#
        let tail = #""},"finish_reason":"stop"}],"usage":{"prompt_tokens":10,"completion_tokens":20,"total_tokens":30}}"#
        return UpstreamResponse(status: 200, headers: [], body: Array(head.utf8) + [UInt8](repeating: 0x61, count: bytes) + Array(tail.utf8))
    }

    func openStream(_ request: UpstreamRequest) async throws -> UpstreamEventStream {
        throw GatewayError(.invalidRequest, message: "not scripted")
    }
}

/// Two clients receiving 24 MiB answers at once: both entries reach the store soon after their
/// answers, and the process does not grow by more than the stated bound. Before the writer was
/// bounded, such answers piled up in one transaction (the issue measured 7.9 s and 4.5 GiB).
@Suite(.serialized) struct LargeAnswerCommitTests {
    /// The window between an answer and its commit, and the growth of the process's resident
    /// memory, for two 24 MiB answers (each held as its bytes, its summary and LMDB's pages).
    /// Measured 0.5–0.6 s alone and 1.3–1.6 s while the whole suite runs on two cores (the
    /// commit is an fsync of 48 MiB among everyone else's); the issue measured 7.9 s before the
    /// writer was bounded.
    static let windowBound: Duration = .seconds(5)
    static let growthBoundBytes = 512 * 1024 * 1024

    @Test func twoTwentyFourMebibyteAnswersAreCommittedPromptlyWithinAMemoryBound() async throws {
        let transport = LargeAnswerTransport(bytes: 24 * 1024 * 1024)
        let before = residentBytes()
        let peak = Mutex(before)
        let sampling = Task {
            while !Task.isCancelled {
                let now = residentBytes()
                peak.withLock { $0 = max($0, now) }
                try? await Task.sleep(for: .milliseconds(5))
            }
        }
        let windows = try await withGateway(transport: transport) { gateway in
            try await withThrowingTaskGroup(of: Duration.self) { group in
                for number in 0..<2 {
                    group.addTask {
                        var request = weatherRequest
                        request.messages = [.user("large answer \(number)")]
                        let response = try await gateway.generateText(request)
                        let answered = ContinuousClock.now
                        #expect(!response.cached)
                        // Until both entries are in: an upper bound on this answer's own window.
                        while (try? gateway.store.stats().entries) ?? 0 < 2 {
                            try await Task.sleep(for: .milliseconds(1))
                        }
                        return ContinuousClock.now - answered
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
        }
        sampling.cancel()
        let growth = peak.withLock { $0 } - before
        print("two 24 MiB answers: commit windows \(windows), resident growth \(growth / 1024 / 1024) MiB")
        #expect(windows.count == 2)
        #expect(windows.allSatisfy { $0 < Self.windowBound })
        #expect(growth < Self.growthBoundBytes)
    }
}

/// The resident set size of this process (`VmRSS`), in bytes; zero where /proc is missing.
func residentBytes() -> Int {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
          let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
          let kibibytes = Int(line.split(separator: " ")[1]) else { return 0 }
    return kibibytes * 1024
}
