/// Decimal digits written straight into a line's UTF-8 bytes: amounts in headers and log
/// lines, timestamps, the HTTP date. Every request writes several, so no `String` is made.
package enum DecimalDigits {
    /// `value` in decimal, zero-padded to at least `width` digits.
    package static func append(_ value: UInt64, width: Int, to bytes: inout [UInt8]) {
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes: UInt64.max has 20 digits
        let count = withUnsafeMutableBytes(of: &digits) { buffer -> Int in
            var rest = value
            var count = 0
            repeat {
                buffer[buffer.count - 1 - count] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
                count += 1
            } while rest > 0
            return count
        }
        for _ in count..<max(width, count) { bytes.append(UInt8(ascii: "0")) }
        withUnsafeBytes(of: &digits) { buffer in bytes += buffer[(buffer.count - count)...] }
    }
}
