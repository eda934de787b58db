/// The byte-level pieces both JSON scanners need (the strict parser and the one-pass
/// canonicalizer): they decode `\u` escapes and check UTF-8 the same way.
enum UTF8Scalar {
    /// The end of the multi-byte UTF-8 sequence whose lead byte is at `offset`, or nil when it
    /// is not one RFC 3629 allows (no overlong forms, no encoded surrogates, nothing above
    /// U+10FFFF, not cut short by `count`).
    @inline(__always)
    static func sequenceEnd(at offset: Int, count: Int, _ byteAt: (Int) -> UInt8) -> Int? {
        let length: Int
        var secondRange: ClosedRange<UInt8> = 0x80...0xBF
        switch byteAt(offset) {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; secondRange = 0xA0...0xBF
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; secondRange = 0x80...0x9F
        case 0xF0: length = 4; secondRange = 0x90...0xBF
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; secondRange = 0x80...0x8F
        default: return nil
        }
        guard offset + length <= count, secondRange.contains(byteAt(offset + 1)) else { return nil }
        for position in (offset + 2)..<(offset + length) where byteAt(position) & 0xC0 != 0x80 {
            return nil
        }
        return offset + length
    }

    /// The value of the four hex digits at `first ..< first + 4`; nil if any is not a hex digit.
    @inline(__always)
    static func hexQuad(from first: Int, _ byteAt: (Int) -> UInt8) -> UInt32? {
        var value: UInt32 = 0
        for position in first..<(first + 4) {
            let byte = byteAt(position)
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: return nil
            }
            value = value << 4 | UInt32(digit)
        }
        return value
    }

    /// Emits the UTF-8 encoding of a scalar value, in order.
    @inline(__always)
    static func encode(_ scalar: UInt32, _ emit: (UInt8) -> Void) {
        switch scalar {
        case ..<0x80:
            emit(UInt8(scalar))
        case ..<0x800:
            emit(UInt8(0xC0 | scalar >> 6))
            emit(UInt8(0x80 | scalar & 0x3F))
        case ..<0x10000:
            emit(UInt8(0xE0 | scalar >> 12))
            emit(UInt8(0x80 | scalar >> 6 & 0x3F))
            emit(UInt8(0x80 | scalar & 0x3F))
        default:
            emit(UInt8(0xF0 | scalar >> 18))
            emit(UInt8(0x80 | scalar >> 12 & 0x3F))
            emit(UInt8(0x80 | scalar >> 6 & 0x3F))
            emit(UInt8(0x80 | scalar & 0x3F))
        }
    }
}
