@testable import AIGateway
@testable import AIGatewayStore
import Testing

@Suite struct StoreRecordTests {
    @Test func recordRoundTripsThroughItsEncoding() throws {
        let entry = makeEntry("codec", createdAtMs: 42, expiresAtMs: 99)
        let record = CacheRecord.encode(entry)
        #expect(record.first == CacheRecord.formatVersion)
        let decoded = try record.withUnsafeBytes { raw in try CacheRecord.View(raw).entry(key: entry.key) }
        #expect(decoded == entry)
    }

    @Test func unknownFieldsAreSkipped() throws {
        let entry = makeEntry("future", createdAtMs: 1)
        var record = CacheRecord.encode(entry)
        // A field from a later version, inserted before the end marker.
        record.insert(contentsOf: [200, 0, 0, 0, 3, 1, 2, 3], at: record.count - 5)
        let decoded = try record.withUnsafeBytes { raw in try CacheRecord.View(raw).entry(key: entry.key) }
        #expect(decoded == entry)
    }

    @Test func everyTruncationFailsToDecode() {
        let entry = makeEntry("truncated", createdAtMs: 1, bodyBytes: 64)
        let record = CacheRecord.encode(entry)
        for length in 0..<record.count {
            let prefix = Array(record.prefix(length))
            let decoded = prefix.withUnsafeBytes { raw in try? CacheRecord.View(raw).entry(key: entry.key) }
            #expect(decoded == nil, "a record cut to \(length) bytes decoded")
        }
    }

    @Test func garbageNeverTraps() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            var bytes = (0..<Int.random(in: 0..<64, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
            if !bytes.isEmpty { bytes[0] = CacheRecord.formatVersion }
            _ = bytes.withUnsafeBytes { raw in try? CacheRecord.View(raw).entry(key: CacheKey(high: 0, low: 0)) }
        }
    }
}
