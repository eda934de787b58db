/// The 128-bit identity of a cache entry: XXH3-128 of a ``KeyDocument``.
///
/// Shown as 32 lowercase hex characters, high half first — the same text `xxhsum -H2` prints
/// for the document's bytes. Stored in LMDB as those 16 bytes, big-endian, so that byte order
/// and text order agree.
public struct CacheKey: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let high: UInt64
    public let low: UInt64

    public init(high: UInt64, low: UInt64) {
        self.high = high
        self.low = low
    }

    /// The key of a document's exact bytes.
    public init(hashing document: [UInt8]) {
        let digest = XXH3.hash128(document)
        self.init(high: digest.high, low: digest.low)
    }

    /// Parses 32 hex characters (either case); nil for anything else.
    public init?(hex: some StringProtocol) {
        guard let bytes = Hex.decode(hex, count: 16) else { return nil }
        self.init(bytes: bytes)
    }

    /// 16 bytes, big-endian: high half then low half.
    public init?(bytes: some Collection<UInt8>) {
        guard bytes.count == 16 else { return nil }
        var high: UInt64 = 0
        var low: UInt64 = 0
        for (index, byte) in bytes.enumerated() {
            if index < 8 { high = high << 8 | UInt64(byte) } else { low = low << 8 | UInt64(byte) }
        }
        self.init(high: high, low: low)
    }

    public var bytes: [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(16)
        for shift in stride(from: 56, through: 0, by: -8) { out.append(UInt8(truncatingIfNeeded: high >> UInt64(shift))) }
        for shift in stride(from: 56, through: 0, by: -8) { out.append(UInt8(truncatingIfNeeded: low >> UInt64(shift))) }
        return out
    }

    public var hex: String { Hex.encode(bytes) }

    public var description: String { hex }

    public static func < (lhs: CacheKey, rhs: CacheKey) -> Bool {
        (lhs.high, lhs.low) < (rhs.high, rhs.low)
    }
}
