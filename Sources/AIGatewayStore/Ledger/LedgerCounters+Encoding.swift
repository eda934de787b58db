/// The stored value: a format version byte, a field count byte, then that many 8-byte big-endian
/// signed integers in ``LedgerCounters/integers`` order.
///
/// The count lets a later version append fields: this version reads the first thirteen and
/// ignores the rest. A different version byte means an incompatible layout.
extension LedgerCounters {
    static let formatVersion: UInt8 = 1

    var encoded: [UInt8] {
        var bytes: [UInt8] = [Self.formatVersion, UInt8(Self.fieldCount)]
        bytes.reserveCapacity(2 + 8 * Self.fieldCount)
        for value in integers {
            withUnsafeBytes(of: value.bigEndian) { bytes.append(contentsOf: $0) }
        }
        return bytes
    }

    /// Nil if `bytes` is not a version-1 record of at least thirteen fields.
    init?(encoded bytes: UnsafeRawBufferPointer) {
        guard bytes.count >= 2, bytes[0] == Self.formatVersion else { return nil }
        let count = Int(bytes[1])
        guard count >= Self.fieldCount, bytes.count == 2 + 8 * count else { return nil }
        var values: [Int64] = []
        values.reserveCapacity(Self.fieldCount)
        for index in 0..<Self.fieldCount {
            values.append(Int64(bigEndian: bytes.loadUnaligned(fromByteOffset: 2 + 8 * index, as: Int64.self)))
        }
        self.init(integers: values)
    }
}
