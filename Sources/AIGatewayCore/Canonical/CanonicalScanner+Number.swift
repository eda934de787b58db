/// Numbers in canonical text (`JSONNumber.canonicalText`). Integers and plain decimals, nearly
/// every number in a request, are written from their source digits; anything with an
/// exponent goes through `JSONNumber`, which owns the layout rules.
extension CanonicalScanner {
    mutating func scanNumber() throws(Fallback) {
        let start = index
        var cursor = index
        let isNegative = base[cursor] == UInt8(ascii: "-")
        if isNegative { cursor += 1 }
        let integerStart = cursor
        cursor = skipDigits(from: cursor)
        let integerCount = cursor - integerStart
        guard integerCount > 0 else { throw Fallback() }
        let integerIsZero = base[integerStart] == UInt8(ascii: "0")
        if integerIsZero && integerCount > 1 { throw Fallback() }
        var fractionStart = cursor
        var fractionEnd = cursor
        if cursor < count && base[cursor] == UInt8(ascii: ".") {
            fractionStart = cursor + 1
            cursor = skipDigits(from: fractionStart)
            guard cursor > fractionStart else { throw Fallback() }
            fractionEnd = cursor
        }
        if cursor < count && (base[cursor] == UInt8(ascii: "e") || base[cursor] == UInt8(ascii: "E")) {
            try scanNumberWithExponent(start: start, exponentMarker: cursor, fractionStart: fractionStart, fractionEnd: fractionEnd)
            return
        }
        index = cursor
        var significantEnd = fractionEnd
        while significantEnd > fractionStart && base[significantEnd - 1] == UInt8(ascii: "0") { significantEnd -= 1 }

        if integerIsZero {
            guard significantEnd > fractionStart else {
                out.append(UInt8(ascii: "0"))
                return
            }
            // At most five zeros after the point: plain decimal; more is scientific.
            var leadingZeros = 0
            while base[fractionStart + leadingZeros] == UInt8(ascii: "0") { leadingZeros += 1 }
            guard leadingZeros <= 5 else {
                try writeThroughJSONNumber(start: start, end: cursor)
                return
            }
            if isNegative { out.append(UInt8(ascii: "-")) }
            out.append(UInt8(ascii: "0"))
            out.append(UInt8(ascii: "."))
            out.appendBytes(base + fractionStart, count: significantEnd - fractionStart)
            return
        }
        if significantEnd == fractionStart {
            // A whole number: plain digits below 10^21, scientific above.
            guard integerCount <= 21 else {
                try writeThroughJSONNumber(start: start, end: cursor)
                return
            }
            out.appendBytes(base + start, count: integerStart + integerCount - start)
            return
        }
        out.appendBytes(base + start, count: significantEnd - start)
    }

    private func skipDigits(from offset: Int) -> Int {
        var cursor = offset
        while cursor < count && base[cursor] &- UInt8(ascii: "0") < 10 { cursor += 1 }
        return cursor
    }

    private mutating func scanNumberWithExponent(
        start: Int,
        exponentMarker: Int,
        fractionStart: Int,
        fractionEnd: Int
    ) throws(Fallback) {
        var cursor = exponentMarker + 1
        if cursor < count && (base[cursor] == UInt8(ascii: "+") || base[cursor] == UInt8(ascii: "-")) { cursor += 1 }
        let exponentStart = cursor
        cursor = skipDigits(from: exponentStart)
        guard cursor > exponentStart else { throw Fallback() }
        var exponent = 0
        for position in exponentStart..<cursor {
            exponent = exponent * 10 + Int(base[position] - UInt8(ascii: "0"))
            guard exponent <= JSONNumber.maxExponentMagnitude else { throw Fallback() }
        }
        index = cursor
        try writeThroughJSONNumber(start: start, end: cursor)
    }

    /// The rare layouts (scientific notation), left to `JSONNumber` so that they stay in one
    /// place. Parsing the number's own text reuses the reference grammar too.
    private mutating func writeThroughJSONNumber(start: Int, end: Int) throws(Fallback) {
        guard case .number(let number)? = try? JSONParser.parse(Array(UnsafeBufferPointer(start: base + start, count: end - start))) else {
            throw Fallback()
        }
        var text: [UInt8] = []
        number.appendCanonicalText(to: &text)
        text.withUnsafeBufferPointer { out.appendBytes($0.baseAddress!, count: $0.count) }
    }
}
