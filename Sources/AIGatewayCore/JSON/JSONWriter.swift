/// Writes ``JSONValue``s as bytes, in one deterministic form.
///
/// Numbers are written as their ``JSONNumber/canonicalText``. Strings use one escaping:
/// `"` and `\` are escaped, control characters below U+0020 become `\b \f \n \r \t` or
/// `\u00xx` (lower-case hex), and everything else — `/`, U+2028, any non-ASCII — is written as
/// raw UTF-8. Objects are written in member order unless `sortingKeys` asks for byte order.
public enum JSONWriter {
    /// The smallest text of `value`: no whitespace at all.
    public static func minified(_ value: JSONValue, sortingKeys: Bool = false) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(1024)
        write(value, to: &out, sortingKeys: sortingKeys)
        return out
    }

    /// Appends the minified text of `value`.
    public static func write(_ value: JSONValue, to out: inout [UInt8], sortingKeys: Bool = false) {
        switch value {
        case .null:
            out.append(contentsOf: "null".utf8)
        case .bool(let flag):
            out.append(contentsOf: flag ? "true".utf8 : "false".utf8)
        case .number(let number):
            number.appendCanonicalText(to: &out)
        case .string(let string):
            writeString(string, to: &out)
        case .array(let elements):
            out.append(UInt8(ascii: "["))
            for (position, element) in elements.enumerated() {
                if position > 0 { out.append(UInt8(ascii: ",")) }
                write(element, to: &out, sortingKeys: sortingKeys)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            out.append(UInt8(ascii: "{"))
            for (position, member) in ordered(members, sortingKeys: sortingKeys).enumerated() {
                if position > 0 { out.append(UInt8(ascii: ",")) }
                writeString(member.key, to: &out)
                out.append(UInt8(ascii: ":"))
                write(member.value, to: &out, sortingKeys: sortingKeys)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    /// Sorting is stable, so duplicate keys (from an ambiguous parse) keep their order.
    static func ordered(_ members: [JSONMember], sortingKeys: Bool) -> [JSONMember] {
        sortingKeys ? members.sorted { $0.key < $1.key } : members
    }

    /// Appends `string` as a quoted JSON string with the escaping described above.
    public static func writeString(_ string: JSONString, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        string.withUTF8 { bytes in
            var runStart = 0
            var position = 0
            while position < bytes.count {
                // Eight bytes at a time: skip them, or jump to the first that needs escaping.
                if position + 8 <= bytes.count {
                    let word = UInt64(littleEndian: UnsafeRawPointer(bytes.baseAddress! + position).loadUnaligned(as: UInt64.self))
                    let special = escapedBytes(word)
                    if special == 0 {
                        position += 8
                        continue
                    }
                    position += special.trailingZeroBitCount >> 3
                }
                let byte = bytes[position]
                if byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                    if runStart < position {
                        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<position]))
                    }
                    appendEscape(byte, to: &out)
                    runStart = position + 1
                }
                position += 1
            }
            if runStart < bytes.count {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<bytes.count]))
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    /// The high bit of each of eight bytes (first byte lowest) that is a quote, a backslash or
    /// a control character; the lowest flag is exact (see `JSONScanner.specialBytes`).
    @inline(__always)
    private static func escapedBytes(_ word: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let quote = word ^ (ones &* 0x22)
        let backslash = word ^ (ones &* 0x5C)
        let hasQuote = (quote &- ones) & ~quote
        let hasBackslash = (backslash &- ones) & ~backslash
        let hasControl = (word &- ones &* 0x20) & ~word
        return (hasQuote | hasBackslash | hasControl) & 0x8080_8080_8080_8080
    }

    private static func appendEscape(_ byte: UInt8, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\\"))
        switch byte {
        case UInt8(ascii: "\""): out.append(UInt8(ascii: "\""))
        case UInt8(ascii: "\\"): out.append(UInt8(ascii: "\\"))
        case 0x08: out.append(UInt8(ascii: "b"))
        case 0x0c: out.append(UInt8(ascii: "f"))
        case 0x0a: out.append(UInt8(ascii: "n"))
        case 0x0d: out.append(UInt8(ascii: "r"))
        case 0x09: out.append(UInt8(ascii: "t"))
        default:
            let hex = Array("0123456789abcdef".utf8)
            out.append(contentsOf: "u00".utf8)
            out.append(hex[Int(byte >> 4)])
            out.append(hex[Int(byte & 0x0f)])
        }
    }
}
