import AIGatewayCore

/// The stored value: a format version byte, fixed-width big-endian integers, then each string
/// as a 2-byte length and its UTF-8 bytes.
///
/// Strings are cut at a character boundary to ``fieldByteLimit`` bytes (the error message is
/// already cut to 300 characters), so one record stays well under a page.
extension RequestLogEntry {
    static let formatVersion: UInt8 = 1
    static let fieldByteLimit = 1_024

    private enum Flag {
        static let costKnown: UInt8 = 1
        static let savedKnown: UInt8 = 2
        static let hasError: UInt8 = 4
    }

    private static let cacheCodes: [CacheStatus] = [.hit, .miss, .bypass]

    var encoded: [UInt8] {
        var out: [UInt8] = [Self.formatVersion]
        out.reserveCapacity(128)
        var flags: UInt8 = 0
        if cost != nil { flags |= Flag.costKnown }
        if saved != nil { flags |= Flag.savedKnown }
        if errorMessage != nil { flags |= Flag.hasError }
        out.append(flags)
        out.append(UInt8(Self.cacheCodes.firstIndex(of: cache) ?? 0))
        appendBigEndian(UInt16(clamping: status), to: &out)
        let integers: [Int64] = [
            timeMs, latency.microseconds, Int64(tokens.uncachedInput), Int64(tokens.output),
            Int64(tokens.cacheRead), Int64(tokens.cacheWrite), cost?.picodollars ?? 0, saved?.picodollars ?? 0,
        ]
        for value in integers { appendBigEndian(value, to: &out) }
        for field in [requestID, tenant, user, agent, provider, model, errorMessage ?? ""] {
            let bytes = LedgerKey.truncated(field, toBytes: Self.fieldByteLimit)
            appendBigEndian(UInt16(bytes.count), to: &out)
            out.append(contentsOf: bytes)
        }
        return out
    }

    /// Nil when `bytes` is not a version-1 record.
    init?(encoded bytes: UnsafeRawBufferPointer) {
        let fixed = 1 + 1 + 1 + 2 + 8 * 8
        guard bytes.count >= fixed, bytes[0] == Self.formatVersion, Int(bytes[2]) < Self.cacheCodes.count else { return nil }
        let flags = bytes[1]
        var offset = 5
        func integer() -> Int64 {
            defer { offset += 8 }
            return readBigEndian(bytes, at: offset, as: Int64.self)
        }
        let timeMs = integer(), latencyMicros = integer()
        let tokens = BilledTokens(uncachedInput: Int(integer()), output: Int(integer()), cacheRead: Int(integer()), cacheWrite: Int(integer()))
        let cost = integer(), saved = integer()
        var strings: [String] = []
        while strings.count < 7 {
            guard offset + 2 <= bytes.count else { return nil }
            let length = Int(readBigEndian(bytes, at: offset, as: UInt16.self))
            offset += 2
            guard offset + length <= bytes.count else { return nil }
            strings.append(String(decoding: UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + length]), as: UTF8.self))
            offset += length
        }
        self.init(
            requestID: strings[0], timeMs: timeMs, tenant: strings[1], user: strings[2], agent: strings[3],
            provider: strings[4], model: strings[5], cache: Self.cacheCodes[Int(bytes[2])], tokens: tokens,
            cost: flags & Flag.costKnown != 0 ? USD(picodollars: cost) : nil,
            saved: flags & Flag.savedKnown != 0 ? USD(picodollars: saved) : nil,
            latency: .microseconds(latencyMicros),
            status: Int(readBigEndian(bytes, at: 3, as: UInt16.self)),
            errorMessage: flags & Flag.hasError != 0 ? strings[6] : nil
        )
    }
}

extension Duration {
    /// Whole microseconds, rounded down.
    package var microseconds: Int64 {
        let parts = components
        return parts.seconds * 1_000_000 + parts.attoseconds / 1_000_000_000_000
    }
}
