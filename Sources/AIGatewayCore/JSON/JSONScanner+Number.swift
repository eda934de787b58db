extension JSONScanner {
    /// Reads a number: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
    mutating func readNumber() throws(JSONParseError) -> JSONNumber {
        let start = index
        var cursor = index
        let isNegative = base[cursor] == UInt8(ascii: "-")
        if isNegative { cursor += 1 }
        scratch.removeAll(keepingCapacity: true)

        let integerStart = cursor
        cursor = skipDigits(from: cursor)
        guard cursor > integerStart else {
            throw error(.invalidNumber("expected a digit"), at: cursor)
        }
        if base[integerStart] == UInt8(ascii: "0") && cursor - integerStart > 1 {
            throw error(.invalidNumber("leading zeros are not allowed"), at: integerStart)
        }
        scratch.append(contentsOf: UnsafeBufferPointer(start: base + integerStart, count: cursor - integerStart))

        var fractionDigits = 0
        if cursor < count && base[cursor] == UInt8(ascii: ".") {
            let fractionStart = cursor + 1
            cursor = skipDigits(from: fractionStart)
            guard cursor > fractionStart else {
                throw error(.invalidNumber("expected a digit after '.'"), at: fractionStart)
            }
            fractionDigits = cursor - fractionStart
            scratch.append(contentsOf: UnsafeBufferPointer(start: base + fractionStart, count: fractionDigits))
        }

        var exponent = 0
        if cursor < count && (base[cursor] == UInt8(ascii: "e") || base[cursor] == UInt8(ascii: "E")) {
            cursor += 1
            var exponentIsNegative = false
            if cursor < count && (base[cursor] == UInt8(ascii: "+") || base[cursor] == UInt8(ascii: "-")) {
                exponentIsNegative = base[cursor] == UInt8(ascii: "-")
                cursor += 1
            }
            let exponentStart = cursor
            cursor = skipDigits(from: exponentStart)
            guard cursor > exponentStart else {
                throw error(.invalidNumber("expected a digit in the exponent"), at: exponentStart)
            }
            for position in exponentStart..<cursor {
                exponent = exponent * 10 + Int(base[position] - UInt8(ascii: "0"))
                guard exponent <= JSONNumber.maxExponentMagnitude else {
                    throw error(.invalidNumber("exponent out of range"), at: exponentStart)
                }
            }
            if exponentIsNegative { exponent = -exponent }
        }

        index = cursor
        let text = String(decoding: UnsafeBufferPointer(start: base + start, count: cursor - start), as: UTF8.self)
        return JSONNumber(text: text, isNegative: isNegative, digits: scratch, pointExponent: exponent - fractionDigits)
    }

    private func skipDigits(from offset: Int) -> Int {
        var cursor = offset
        while cursor < count && base[cursor] &- UInt8(ascii: "0") < 10 { cursor += 1 }
        return cursor
    }
}
