import CXXHash

/// XXH3-128 over bytes, via libxxhash.
///
/// The cache key needs a fast, well-distributed 128-bit hash; libxxhash's XXH3 is the reference
/// implementation (vectorised, and the one `xxhsum -H2` uses), so the key is whatever that
/// implementation says and can be checked with the stock command-line tool. This is the only
/// file that touches the xxhash C API.
struct XXH3 {
    /// The two 64-bit halves of a 128-bit digest, as XXH3 defines them.
    struct Digest128: Hashable, Sendable {
        var high: UInt64
        var low: UInt64
    }

    static func hash128(_ bytes: UnsafeRawBufferPointer) -> Digest128 {
        let digest = XXH3_128bits(bytes.baseAddress, bytes.count)
        return Digest128(high: digest.high64, low: digest.low64)
    }

    static func hash128(_ bytes: [UInt8]) -> Digest128 {
        bytes.withUnsafeBytes { hash128($0) }
    }
}
