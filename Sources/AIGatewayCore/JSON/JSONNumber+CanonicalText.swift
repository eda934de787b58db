extension JSONNumber {
    /// One text per value, used in canonical bodies and the key.
    ///
    /// The choice follows JavaScript's `Number.prototype.toString` layout, but on the exact
    /// decimal (no rounding, every digit kept):
    /// - zero is `0` (never `-0`);
    /// - a whole number below 10^21 is plain digits: `1`, `100`, `9007199254740993`;
    /// - a fraction whose first significant digit is at most six places after the point is a
    ///   plain decimal: `0.7`, `12.5`, `0.000001`;
    /// - anything else is scientific with one digit before the point and a signed exponent
    ///   without `+`: `1e21`, `1.5e-30`, `1.2345678901234567890123e25`.
    public var canonicalText: String {
        if isZero { return "0" }
        var out: [UInt8] = []
        appendCanonicalText(to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends ``canonicalText`` as UTF-8, without building a `String`.
    public func appendCanonicalText(to out: inout [UInt8]) {
        let zero = UInt8(ascii: "0")
        if isZero {
            out.append(zero)
            return
        }
        if isNegative { out.append(UInt8(ascii: "-")) }
        let digits = significand.utf8
        let count = digits.count
        // Position of the decimal point counted from the first digit.
        let point = count + exponent
        if exponent >= 0 && point <= 21 {
            out.append(contentsOf: digits)
            for _ in 0..<exponent { out.append(zero) }
        } else if exponent < 0 && point > 0 {
            out.append(contentsOf: digits.prefix(point))
            out.append(UInt8(ascii: "."))
            out.append(contentsOf: digits.dropFirst(point))
        } else if exponent < 0 && point > -6 {
            out.append(zero)
            out.append(UInt8(ascii: "."))
            for _ in 0..<(-point) { out.append(zero) }
            out.append(contentsOf: digits)
        } else {
            out.append(digits.first!)
            if count > 1 {
                out.append(UInt8(ascii: "."))
                out.append(contentsOf: digits.dropFirst())
            }
            out.append(UInt8(ascii: "e"))
            out.append(contentsOf: String(point - 1).utf8)
        }
    }
}
