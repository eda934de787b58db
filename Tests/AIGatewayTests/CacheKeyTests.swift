import Testing
@testable import AIGateway

@Suite struct CacheKeyTests {
    // Golden values from `xxhsum -H2` (libxxhash 0.8.1): XXH3-128, seed 0, high half first.
    @Test(arguments: [
        ("", "99aa06d3014798d86001c324468d497f"),
        ("abc", "06b05ab6733a618578af5f94892f3950"),
    ])
    func xxh3MatchesReferenceVectors(input: String, expected: String) {
        #expect(CacheKey(hashing: Array(input.utf8)).hex == expected)
    }

    /// Every XXH3 length class (1–3, 4–8, 9–16, 17–128, 129–240, long) against `xxhsum -H2`
    /// over the bytes `(i * 31 + 7) % 251`.
    @Test(arguments: [
        (1, "495b62073ef70ca44c5cca45d0f4811f"),
        (5, "2fbb16712b4bf1d5752a86982353f4f3"),
        (12, "40d4cd441c999504f0a84df510a4da0e"),
        (100, "aacc1d3c47a4615020d4a7247ef15e39"),
        (200, "7d5b21c921158e644ec0706f02ef2a5b"),
        (1000, "e719034ed2c87a3684b0c79e3e1ac40e"),
        (100_000, "bc2117116c93a45dddc565585fab0e61"),
    ])
    func xxh3MatchesReferenceAcrossLengthClasses(length: Int, expected: String) {
        let bytes = (0..<length).map { UInt8(($0 * 31 + 7) % 251) }
        #expect(CacheKey(hashing: bytes).hex == expected)
    }

    @Test func hexAndBytesRoundTrip() throws {
        let key = CacheKey(hashing: Array("round trip".utf8))
        #expect(key.hex.count == 32)
        #expect(CacheKey(hex: key.hex) == key)
        #expect(CacheKey(hex: key.hex.uppercased()) == key)
        #expect(CacheKey(bytes: key.bytes) == key)
        #expect(CacheKey(hex: "xyz") == nil)
        #expect(CacheKey(hex: String(repeating: "g", count: 32)) == nil)
    }
}
