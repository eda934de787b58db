@testable import AIGateway
import Foundation
import Synchronization

/// A clock the test moves by hand.
final class TestClock: Sendable {
    private let milliseconds: Atomic<Int64>

    init(_ start: Int64 = 1_700_000_000_000) {
        milliseconds = Atomic(start)
    }

    var now: Int64 { milliseconds.load(ordering: .relaxed) }

    func advance(_ duration: Duration) {
        milliseconds.add(duration.milliseconds, ordering: .relaxed)
    }

    var function: @Sendable () -> Int64 { { self.now } }
}

/// Runs `body` with a fresh directory path (not yet created) under a temporary directory,
/// removing everything afterwards whatever happens.
func withTemporaryDirectory<R>(_ body: (String) throws -> R) throws -> R {
    var template = Array((NSTemporaryDirectory() + "/aigw-store-test-XXXXXX").utf8CString)
    let created = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
    guard let created else { throw POSIXError(.EIO) }
    let root = String(cString: created)
    defer { try? FileManager.default.removeItem(atPath: root) }
    return try body(root + "/store")
}

/// Opens a store in a fresh temporary directory and closes it after `body`.
func withStore<R>(_ options: StoreOptions = StoreOptions(), _ body: (CacheStore, String) throws -> R) throws -> R {
    try withTemporaryDirectory { path in
        let store = try CacheStore(path: path, options: options)
        defer { store.close() }
        return try body(store, path)
    }
}

/// An entry whose key is the hash of its document, with a body of `bodyBytes` bytes.
func makeEntry(
    _ name: String,
    tenant: String = "acme",
    model: String = "gpt-4o-mini",
    createdAtMs: Int64,
    expiresAtMs: Int64? = nil,
    bodyBytes: Int = 4096
) -> CacheEntry {
    let document = Array("test document \(name)".utf8)
    var body = Array("{\"name\":\"\(name)\"}".utf8)
    while body.count < bodyBytes { body.append(UInt8(ascii: "a") + UInt8(body.count % 26)) }
    return CacheEntry(
        key: CacheKey(hashing: document),
        keyDocument: document,
        tenant: tenant,
        provider: "openai",
        model: model,
        endpoint: "/v1/chat/completions",
        createdAtMs: createdAtMs,
        expiresAtMs: expiresAtMs,
        responseFormat: .json,
        responseStatus: 200,
        responseBody: body,
        summary: Array("{\"text\":\"hi\"}".utf8),
        usage: BilledTokens(uncachedInput: 12, output: 34, cacheRead: 5, cacheWrite: 6),
        cost: USD(picodollars: 1234)
    )
}

/// ``withTemporaryDirectory(_:)`` for async bodies.
func withTemporaryDirectoryAsync<R>(_ body: (String) async throws -> R) async throws -> R {
    var template = Array((NSTemporaryDirectory() + "/aigw-store-test-XXXXXX").utf8CString)
    let created = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
    guard let created else { throw POSIXError(.EIO) }
    let root = String(cString: created)
    defer { try? FileManager.default.removeItem(atPath: root) }
    return try await body(root + "/store")
}
