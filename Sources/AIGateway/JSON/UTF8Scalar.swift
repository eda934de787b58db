/// The byte-level pieces of `\u` escapes that both JSON scanners need: the strict parser and
/// the one-pass canonicalizer decode escapes the same way.
enum UTF8Scalar {
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
