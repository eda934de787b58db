extension JSONScanner {
    /// Reads a string starting at its opening quote.
    ///
    /// The common case, a string without escapes, is one scan and one copy; only a string
    /// with a backslash is rebuilt byte by byte in the reused scratch buffer.
    mutating func readString() throws(JSONParseError) -> JSONString {
        let start = index + 1
        var cursor = start
        while cursor < count {
            // Eight bytes at a time: skip plain ones, or jump straight to the first byte that
            // needs a look. Most of a request is plain ASCII text.
            if cursor + 8 <= count {
                let special = Self.specialBytes(UInt64(littleEndian: UnsafeRawPointer(base + cursor).loadUnaligned(as: UInt64.self)))
                if special == 0 {
                    cursor += 8
                    continue
                }
                cursor += special.trailingZeroBitCount >> 3
            }
            let byte = base[cursor]
            if byte == UInt8(ascii: "\"") {
                index = cursor + 1
                if cursor - start <= JSONString.inlineCapacity {
                    return JSONString(validatedUTF8: UnsafeBufferPointer(start: base + start, count: cursor - start))
                }
                return JSONString(validatedUTF8: source, start: start, count: cursor - start)
            } else if byte == UInt8(ascii: "\\") {
                return try readEscapedString(start: start, firstEscape: cursor)
            } else if byte < 0x20 {
                throw error(.controlCharacterInString(byte), at: cursor)
            } else if byte >= 0x80 {
                cursor = try validateUTF8Sequence(at: cursor)
            } else {
                cursor += 1
            }
        }
        throw error(.unexpectedEnd(expected: "'\"' to close the string"), at: count)
    }

    /// The high bit of each of eight bytes (first byte lowest) that is a quote, a backslash, a
    /// control character or non-ASCII; zero when there is none. The classic "has a zero byte"
    /// bit tricks: a borrow only carries upward from a flagged byte, so the lowest flag is
    /// always exact, which is all the caller uses.
    @inline(__always)
    static func specialBytes(_ word: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let quote = word ^ (ones &* 0x22)
        let backslash = word ^ (ones &* 0x5C)
        let hasQuote = (quote &- ones) & ~quote
        let hasBackslash = (backslash &- ones) & ~backslash
        let hasControl = (word &- ones &* 0x20) & ~word
        return (hasQuote | hasBackslash | hasControl | word) & 0x8080_8080_8080_8080
    }

    private mutating func readEscapedString(start: Int, firstEscape: Int) throws(JSONParseError) -> JSONString {
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: UnsafeBufferPointer(start: base + start, count: firstEscape - start))
        var cursor = firstEscape
        while cursor < count {
            let byte = base[cursor]
            if byte == UInt8(ascii: "\"") {
                index = cursor + 1
                return scratch.withUnsafeBufferPointer { JSONString(validatedUTF8: $0) }
            } else if byte == UInt8(ascii: "\\") {
                cursor = try readEscape(at: cursor)
            } else if byte < 0x20 {
                throw error(.controlCharacterInString(byte), at: cursor)
            } else if byte < 0x80 {
                scratch.append(byte)
                cursor += 1
            } else {
                let end = try validateUTF8Sequence(at: cursor)
                scratch.append(contentsOf: UnsafeBufferPointer(start: base + cursor, count: end - cursor))
                cursor = end
            }
        }
        throw error(.unexpectedEnd(expected: "'\"' to close the string"), at: count)
    }

    /// Appends the unescaped form of the escape at `offset` (a backslash) to the scratch
    /// buffer; returns the offset after it.
    private mutating func readEscape(at offset: Int) throws(JSONParseError) -> Int {
        guard offset + 1 < count else { throw error(.unexpectedEnd(expected: "an escape sequence"), at: count) }
        let simple: UInt8
        switch base[offset + 1] {
        case UInt8(ascii: "\""): simple = 0x22
        case UInt8(ascii: "\\"): simple = 0x5c
        case UInt8(ascii: "/"): simple = 0x2f
        case UInt8(ascii: "b"): simple = 0x08
        case UInt8(ascii: "f"): simple = 0x0c
        case UInt8(ascii: "n"): simple = 0x0a
        case UInt8(ascii: "r"): simple = 0x0d
        case UInt8(ascii: "t"): simple = 0x09
        case UInt8(ascii: "u"):
            return try readUnicodeEscape(at: offset)
        default:
            throw error(.invalidEscape, at: offset)
        }
        scratch.append(simple)
        return offset + 2
    }

    private mutating func readUnicodeEscape(at offset: Int) throws(JSONParseError) -> Int {
        let first = try hexQuad(at: offset)
        var end = offset + 6
        var scalar: UInt32 = first
        if first >= 0xD800 && first <= 0xDBFF {
            if end + 1 < count && base[end] == UInt8(ascii: "\\") && base[end + 1] == UInt8(ascii: "u") {
                let second = try hexQuad(at: end)
                if second >= 0xDC00 && second <= 0xDFFF {
                    scalar = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
                    end += 6
                } else {
                    try reportLoneSurrogate(at: offset)
                    scalar = 0xFFFD
                }
            } else {
                try reportLoneSurrogate(at: offset)
                scalar = 0xFFFD
            }
        } else if first >= 0xDC00 && first <= 0xDFFF {
            try reportLoneSurrogate(at: offset)
            scalar = 0xFFFD
        }
        appendUTF8(scalar)
        return end
    }

    private mutating func reportLoneSurrogate(at offset: Int) throws(JSONParseError) {
        let ambiguous = error(.loneSurrogate, at: offset)
        if stopAtAmbiguity { throw ambiguous }
        if ambiguity == nil { ambiguity = ambiguous }
    }

    /// The four hex digits of the `\u` escape starting at `offset`.
    private func hexQuad(at offset: Int) throws(JSONParseError) -> UInt32 {
        guard offset + 6 <= count else { throw error(.unexpectedEnd(expected: "four hex digits"), at: count) }
        guard let value = UTF8Scalar.hexQuad(from: offset + 2, { base[$0] }) else { throw error(.invalidEscape, at: offset) }
        return value
    }

    private mutating func appendUTF8(_ scalar: UInt32) {
        UTF8Scalar.encode(scalar) { scratch.append($0) }
    }

    /// Checks the multi-byte UTF-8 sequence whose lead byte is at `offset`
    /// (``UTF8Scalar/sequenceEnd(at:count:_:)``); returns the offset after it. Errors point at
    /// the lead byte.
    func validateUTF8Sequence(at offset: Int) throws(JSONParseError) -> Int {
        guard let end = UTF8Scalar.sequenceEnd(at: offset, count: count, { base[$0] }) else {
            throw error(.invalidUTF8, at: offset)
        }
        return end
    }
}
