// Writes cache entries into a store until killed (or until `count`), printing
// "committed <hex>" after each put returns, so a test can check that every printed key survives
// a SIGKILL. Entry i has key document "crash-writer entry <i>" and a body derived from its key.
import AIGateway
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

let arguments = CommandLine.arguments
guard arguments.count >= 2 else {
    writeLine("usage: StoreCrashWriter <store-path> [count]", to: 2)
    exit(2)
}
let count = arguments.count >= 3 ? Int(arguments[2]) ?? Int.max : Int.max

/// The body a test expects for `key`: its hex repeated to about 4 KB.
func expectedBody(for key: CacheKey) -> [UInt8] {
    Array(String(repeating: key.hex + "\n", count: 128).utf8)
}

/// Unbuffered, so a line is out of the process before the next put begins.
func writeLine(_ text: String, to descriptor: Int32) {
    var text = text + "\n"
    text.withUTF8 { _ = write(descriptor, $0.baseAddress, $0.count) }
}

do {
    let store = try CacheStore(path: arguments[1], options: StoreOptions(defaultTTL: nil))
    defer { store.close() }
    var index = 0
    while index < count {
        let document = Array("crash-writer entry \(index)".utf8)
        let key = CacheKey(hashing: document)
        try store.put(CacheEntry(
            key: key,
            keyDocument: document,
            tenant: "crash",
            provider: "openai",
            model: "gpt-test",
            endpoint: "/v1/chat/completions",
            createdAtMs: Int64(index),
            responseBody: expectedBody(for: key)
        ))
        writeLine("committed \(key.hex)", to: 1)
        index += 1
    }
} catch {
    writeLine("StoreCrashWriter: \(error)", to: 2)
    exit(1)
}
