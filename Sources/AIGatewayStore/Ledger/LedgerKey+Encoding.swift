/// The stored key: a layout version byte, then each field as a 2-byte big-endian length and its
/// UTF-8 bytes, day first.
///
/// Day first, and every day exactly ten bytes, so keys sort by day and a day range is one
/// contiguous key range. Tenant second, so a tenant's rows within a day are contiguous too.
extension LedgerKey {
    static let layoutVersion: UInt8 = 1

    /// Byte limits per field, in key order: day, tenant, user, agent, model, provider.
    /// 1 + 6 × 2 + 490 = 503 bytes at most, under LMDB's default 511-byte key limit.
    static let fieldByteLimits = [10, 96, 128, 96, 128, 32]

    var fields: [String] { [day, tenant, user, agent, model, provider] }

    var encoded: [UInt8] {
        var bytes: [UInt8] = [Self.layoutVersion]
        bytes.reserveCapacity(64)
        for (field, limit) in zip(fields, Self.fieldByteLimits) {
            Self.append(field, limit: limit, to: &bytes)
        }
        return bytes
    }

    /// The key prefix of every row of `day` (and, if given, of `tenant` within it).
    static func prefix(day: String, tenant: String? = nil) -> [UInt8] {
        var bytes: [UInt8] = [layoutVersion]
        append(day, limit: fieldByteLimits[0], to: &bytes)
        if let tenant { append(tenant, limit: fieldByteLimits[1], to: &bytes) }
        return bytes
    }

    private static func append(_ field: String, limit: Int, to bytes: inout [UInt8]) {
        let utf8 = truncated(field, toBytes: limit)
        bytes.append(UInt8(utf8.count >> 8))
        bytes.append(UInt8(utf8.count & 0xff))
        bytes.append(contentsOf: utf8)
    }

    /// The longest prefix of `field` that fits in `limit` bytes without splitting a character.
    static func truncated(_ field: String, toBytes limit: Int) -> [UInt8] {
        let utf8 = Array(field.utf8)
        guard utf8.count > limit else { return utf8 }
        var result: [UInt8] = []
        for character in field {
            let next = Array(character.utf8)
            if result.count + next.count > limit { break }
            result.append(contentsOf: next)
        }
        return result
    }

    /// The key stored at `bytes`, or nil if it is not a version-1 ledger key.
    init?(encoded bytes: UnsafeRawBufferPointer) {
        guard bytes.count >= 1, bytes[0] == Self.layoutVersion else { return nil }
        var fields: [String] = []
        var offset = 1
        while fields.count < 6 {
            guard offset + 2 <= bytes.count else { return nil }
            let length = Int(bytes[offset]) << 8 | Int(bytes[offset + 1])
            offset += 2
            guard offset + length <= bytes.count else { return nil }
            fields.append(String(decoding: UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + length]), as: UTF8.self))
            offset += length
        }
        guard offset == bytes.count else { return nil }
        self.init(day: fields[0], tenant: fields[1], user: fields[2], agent: fields[3], model: fields[4], provider: fields[5])
    }
}
