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
        let utf8 = Array(hex.utf8)
        guard utf8.count == 32 else { return nil }
        var halves: [UInt64] = [0, 0]
        for (index, byte) in utf8.enumerated() {
            guard let nibble = Self.nibble(byte) else { return nil }
            halves[index / 16] = halves[index / 16] << 4 | UInt64(nibble)
        }
        self.init(high: halves[0], low: halves[1])
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

    private static let hexDigits = Array("0123456789abcdef".utf8)

    public var hex: String {
        let digits = Self.hexDigits
        var out = [UInt8]()
        out.reserveCapacity(32)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    public var description: String { hex }

    public static func < (lhs: CacheKey, rhs: CacheKey) -> Bool {
        (lhs.high, lhs.low) < (rhs.high, rhs.low)
    }

    private static func nibble(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
