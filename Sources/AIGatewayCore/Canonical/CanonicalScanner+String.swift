/// Strings and keys. The source can hold no raw `"`, `\` or control character in a string,
/// and `\" \\ \b \f \n \r \t` are already the canonical escapes, so a string is copied as
/// written except where it says `\/` or `\u`.
extension CanonicalScanner {
    /// A scanned key: its unescaped bytes (in the source, or in `keys`), and where its text
    /// was in the source, quotes included.
    struct Key {
        var offset: Int
        var count: Int
        var inArena: Bool
        var prefix: UInt64
        var sourceStart: Int
        var sourceEnd: Int
    }

    /// The first position at or after `start` holding a quote, a backslash, a control byte or a
    /// non-ASCII byte: eight bytes at a time while they last. Running off the end is a
    /// truncated string.
    @inline(__always)
    func nextSpecialByte(from start: Int) throws(Fallback) -> Int {
        var cursor = start
        while cursor + 8 <= count {
            let special = Self.specialBytes(UInt64(littleEndian: UnsafeRawPointer(base + cursor).loadUnaligned(as: UInt64.self)))
            if special != 0 { return cursor + special.trailingZeroBitCount >> 3 }
            cursor += 8
        }
        while cursor < count {
            let byte = base[cursor]
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte < 0x20 || byte >= 0x80 { return cursor }
            cursor += 1
        }
        throw Fallback()
    }

    /// Scans the key at `index` (its opening quote) without writing it.
    mutating func scanKey() throws(Fallback) -> Key {
        guard peek() == UInt8(ascii: "\"") else { throw Fallback() }
        let start = index + 1
        var cursor = start
        while true {
            cursor = try nextSpecialByte(from: cursor)
            let byte = base[cursor]
            if byte == UInt8(ascii: "\"") {
                index = cursor + 1
                let prefix = Self.prefix(base + start, count: cursor - start, readable: count - start)
                return Key(offset: start, count: cursor - start, inArena: false, prefix: prefix, sourceStart: start - 1, sourceEnd: cursor + 1)
            } else if byte == UInt8(ascii: "\\") {
                return try decodeKey(start: start)
            } else if byte < 0x20 {
                throw Fallback()
            } else if byte >= 0x80 {
                cursor = try validateUTF8Sequence(at: cursor)
            } else {
                cursor += 1
            }
        }
    }

    /// A key with escapes, unescaped into `keys`: rare, so byte by byte.
    private mutating func decodeKey(start: Int) throws(Fallback) -> Key {
        let offset = keys.count
        var cursor = start
        while cursor < count {
            let byte = base[cursor]
            if byte == UInt8(ascii: "\"") {
                index = cursor + 1
                let prefix = Self.prefix(keys.base + offset, count: keys.count - offset, readable: keys.count - offset)
                return Key(offset: offset, count: keys.count - offset, inArena: true, prefix: prefix, sourceStart: start - 1, sourceEnd: cursor + 1)
            } else if byte == UInt8(ascii: "\\") {
                guard cursor + 1 < count else { throw Fallback() }
                switch base[cursor + 1] {
                case UInt8(ascii: "\""): keys.append(0x22)
                case UInt8(ascii: "\\"): keys.append(0x5C)
                case UInt8(ascii: "/"): keys.append(0x2F)
                case UInt8(ascii: "b"): keys.append(0x08)
                case UInt8(ascii: "f"): keys.append(0x0C)
                case UInt8(ascii: "n"): keys.append(0x0A)
                case UInt8(ascii: "r"): keys.append(0x0D)
                case UInt8(ascii: "t"): keys.append(0x09)
                case UInt8(ascii: "u"):
                    let (scalar, end) = try unicodeEscape(at: cursor)
                    Self.appendUTF8(scalar, to: &keys)
                    cursor = end
                    continue
                default: throw Fallback()
                }
                cursor += 2
            } else if byte < 0x20 {
                throw Fallback()
            } else if byte >= 0x80 {
                let end = try validateUTF8Sequence(at: cursor)
                keys.appendBytes(base + cursor, count: end - cursor)
                cursor = end
            } else {
                keys.append(byte)
                cursor += 1
            }
        }
        throw Fallback()
    }

    /// Writes `"key":` in canonical form.
    mutating func writeKey(_ key: Key) {
        if key.inArena {
            out.append(UInt8(ascii: "\""))
            var position = key.offset
            while position < key.offset + key.count {
                appendEscaped(keys[position])
                position += 1
            }
            out.append(UInt8(ascii: "\""))
        } else {
            out.appendBytes(base + key.sourceStart, count: key.sourceEnd - key.sourceStart)
        }
        out.append(UInt8(ascii: ":"))
    }

    /// Writes the string at `index` (its opening quote) in canonical form.
    mutating func scanString() throws(Fallback) {
        var runStart = index
        var cursor = index + 1
        while true {
            cursor = try nextSpecialByte(from: cursor)
            let byte = base[cursor]
            if byte == UInt8(ascii: "\"") {
                out.appendBytes(base + runStart, count: cursor + 1 - runStart)
                index = cursor + 1
                return
            } else if byte == UInt8(ascii: "\\") {
                guard cursor + 1 < count else { throw Fallback() }
                switch base[cursor + 1] {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                    UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                    cursor += 2
                case UInt8(ascii: "/"):
                    out.appendBytes(base + runStart, count: cursor - runStart)
                    out.append(UInt8(ascii: "/"))
                    cursor += 2
                    runStart = cursor
                case UInt8(ascii: "u"):
                    out.appendBytes(base + runStart, count: cursor - runStart)
                    let (scalar, end) = try unicodeEscape(at: cursor)
                    if scalar < 0x80 {
                        appendEscaped(UInt8(scalar))
                    } else {
                        Self.appendUTF8(scalar, to: &out)
                    }
                    cursor = end
                    runStart = cursor
                default:
                    throw Fallback()
                }
            } else if byte < 0x20 {
                throw Fallback()
            } else if byte >= 0x80 {
                cursor = try validateUTF8Sequence(at: cursor)
            } else {
                cursor += 1
            }
        }
    }

    /// One unescaped byte in canonical escaping (`JSONWriter.writeString`).
    private mutating func appendEscaped(_ byte: UInt8) {
        switch byte {
        case UInt8(ascii: "\""): out.append(#"\""#)
        case UInt8(ascii: "\\"): out.append(#"\\"#)
        case 0x08: out.append(#"\b"#)
        case 0x0C: out.append(#"\f"#)
        case 0x0A: out.append(#"\n"#)
        case 0x0D: out.append(#"\r"#)
        case 0x09: out.append(#"\t"#)
        case 0..<0x20:
            let hex: StaticString = "0123456789abcdef"
            out.append(#"\u00"#)
            out.append(hex.utf8Start[Int(byte >> 4)])
            out.append(hex.utf8Start[Int(byte & 0x0F)])
        default:
            out.append(byte)
        }
    }

    /// The scalar of the `\u` escape at `offset` (with its low half, for a surrogate pair) and
    /// the offset after it. A lone surrogate is ambiguous: the reference path reports it.
    private func unicodeEscape(at offset: Int) throws(Fallback) -> (UInt32, Int) {
        let first = try hexQuad(at: offset)
        if first >= 0xDC00 && first <= 0xDFFF { throw Fallback() }
        guard first >= 0xD800 && first <= 0xDBFF else { return (first, offset + 6) }
        let low = offset + 6
        guard low + 1 < count, base[low] == UInt8(ascii: "\\"), base[low + 1] == UInt8(ascii: "u") else {
            throw Fallback()
        }
        let second = try hexQuad(at: low)
        guard second >= 0xDC00 && second <= 0xDFFF else { throw Fallback() }
        return (0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00), low + 6)
    }

    private func hexQuad(at offset: Int) throws(Fallback) -> UInt32 {
        guard offset + 6 <= count, let value = UTF8Scalar.hexQuad(from: offset + 2, { base[$0] }) else { throw Fallback() }
        return value
    }

    private static func appendUTF8(_ scalar: UInt32, to buffer: inout ScratchBuffer<UInt8>) {
        UTF8Scalar.encode(scalar) { buffer.append($0) }
    }

    @inline(__always)
    static func specialBytes(_ word: UInt64) -> UInt64 {
        JSONScanner.specialBytes(word)
    }

    /// The end of the UTF-8 sequence at `offset`; anything RFC 3629 rejects falls back.
    private func validateUTF8Sequence(at offset: Int) throws(Fallback) -> Int {
        guard let end = UTF8Scalar.sequenceEnd(at: offset, count: count, { base[$0] }) else { throw Fallback() }
        return end
    }
}
