import AIGatewayCore
import Foundation

/// The binary form of a ``CacheEntry`` in the `entries` database.
///
/// Version 1: one format byte (`1`), then fields, each `tag: u8, length: u32 BE, bytes`, ending
/// with the end field (tag 0, length 0). Integers are 8 bytes big-endian. Readers skip tags they
/// do not know, so a later version can add fields; a missing end field means a truncated record.
/// Decoding never traps: any inconsistency is a ``CacheRecord/DecodeError``.
enum CacheRecord {
    static let formatVersion: UInt8 = 1

    enum Tag: UInt8, CaseIterable {
        case end = 0
        case hitCount = 1
        case lastAccessMs = 2
        case createdAtMs = 3
        case expiresAtMs = 4
        case tenant = 5
        case provider = 6
        case model = 7
        case endpoint = 8
        case responseFormat = 9
        case responseStatus = 10
        case usage = 11
        case costPicodollars = 12
        case keyDocument = 13
        case summary = 14
        case responseBody = 15
    }

    struct DecodeError: Error, Equatable {
        var reason: String
    }

    static func encode(_ entry: CacheEntry) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(128 + entry.keyDocument.count + entry.responseBody.count + entry.summary.count
            + entry.tenant.utf8.count + entry.model.utf8.count + entry.provider.utf8.count + entry.endpoint.utf8.count)
        out.append(formatVersion)
        func field(_ tag: Tag, _ bytes: some Collection<UInt8>) {
            out.append(tag.rawValue)
            appendBigEndian(UInt32(bytes.count), to: &out)
            out.append(contentsOf: bytes)
        }
        func integers(_ tag: Tag, _ values: [Int64]) {
            out.append(tag.rawValue)
            appendBigEndian(UInt32(values.count * 8), to: &out)
            for value in values { appendBigEndian(UInt64(bitPattern: value), to: &out) }
        }
        integers(.hitCount, [entry.hitCount])
        integers(.lastAccessMs, [entry.lastAccessMs])
        integers(.createdAtMs, [entry.createdAtMs])
        if let expiresAtMs = entry.expiresAtMs { integers(.expiresAtMs, [expiresAtMs]) }
        field(.tenant, entry.tenant.utf8)
        field(.provider, entry.provider.utf8)
        field(.model, entry.model.utf8)
        field(.endpoint, entry.endpoint.utf8)
        field(.responseFormat, [entry.responseFormat == .json ? 0 : 1])
        integers(.responseStatus, [Int64(entry.responseStatus)])
        if let usage = entry.usage {
            integers(.usage, [usage.uncachedInput, usage.output, usage.cacheRead, usage.cacheWrite].map(Int64.init))
        }
        if let cost = entry.cost { integers(.costPicodollars, [cost.picodollars]) }
        field(.keyDocument, entry.keyDocument)
        field(.summary, entry.summary)
        field(.responseBody, entry.responseBody)
        out.append(Tag.end.rawValue)
        appendBigEndian(UInt32(0), to: &out)
        return out
    }

    /// A parsed record over borrowed bytes: field positions plus the small scalars, no copies.
    /// Valid only while the bytes it was parsed from are.
    struct View {
        let raw: UnsafeRawBufferPointer
        private var ranges: [Range<Int>?]
        let hitCount: Int64
        let lastAccessMs: Int64
        let createdAtMs: Int64
        let expiresAtMs: Int64?

        init(_ raw: UnsafeRawBufferPointer) throws(DecodeError) {
            self.raw = raw
            guard let version = raw.first else { throw DecodeError(reason: "empty record") }
            guard version == CacheRecord.formatVersion else {
                throw DecodeError(reason: "unknown record format version \(version)")
            }
            var ranges = [Range<Int>?](repeating: nil, count: Tag.allCases.count)
            var offset = 1
            var ended = false
            while offset < raw.count {
                guard raw.count - offset >= 5 else { throw DecodeError(reason: "truncated field header at byte \(offset)") }
                let tag = raw[offset]
                let length = Int(readBigEndian(raw, at: offset + 1, as: UInt32.self))
                let start = offset + 5
                guard length <= raw.count - start else {
                    throw DecodeError(reason: "field \(tag) runs past the end of the record (truncated?)")
                }
                if tag == Tag.end.rawValue {
                    ended = true
                    offset = start + length
                    break
                }
                if Int(tag) < ranges.count {
                    guard ranges[Int(tag)] == nil else { throw DecodeError(reason: "field \(tag) appears twice") }
                    ranges[Int(tag)] = start..<(start + length)
                }
                offset = start + length
            }
            guard ended else { throw DecodeError(reason: "record has no end marker (truncated)") }
            guard offset == raw.count else { throw DecodeError(reason: "bytes after the end marker") }
            for tag in [Tag.hitCount, .lastAccessMs, .createdAtMs, .tenant, .provider, .model, .endpoint,
                        .responseFormat, .responseStatus, .keyDocument, .summary, .responseBody]
            where ranges[Int(tag.rawValue)] == nil {
                throw DecodeError(reason: "missing field \(tag)")
            }
            func integer(_ tag: Tag) throws(DecodeError) -> Int64? {
                guard let range = ranges[Int(tag.rawValue)] else { return nil }
                guard range.count == 8 else { throw DecodeError(reason: "field \(tag) is \(range.count) bytes, not 8") }
                return Int64(bitPattern: readBigEndian(raw, at: range.lowerBound, as: UInt64.self))
            }
            self.ranges = ranges
            hitCount = try integer(.hitCount) ?? 0
            lastAccessMs = try integer(.lastAccessMs) ?? 0
            createdAtMs = try integer(.createdAtMs) ?? 0
            expiresAtMs = try integer(.expiresAtMs)
        }

        func bytes(_ tag: Tag) -> UnsafeRawBufferPointer {
            guard let range = ranges[Int(tag.rawValue)] else { return UnsafeRawBufferPointer(start: nil, count: 0) }
            return UnsafeRawBufferPointer(rebasing: raw[range])
        }

        func string(_ tag: Tag) -> String {
            String(decoding: bytes(tag), as: UTF8.self)
        }

        /// Whether the stored key document is exactly `document`.
        func documentEquals(_ document: [UInt8]) -> Bool {
            let stored = bytes(.keyDocument)
            guard stored.count == document.count else { return false }
            return document.withUnsafeBytes { theirs in
                stored.count == 0 || memcmp(stored.baseAddress!, theirs.baseAddress!, stored.count) == 0
            }
        }

        /// Byte range of a fixed 8-byte field, for patching counters in a copy.
        func range(_ tag: Tag) -> Range<Int>? { ranges[Int(tag.rawValue)] }

        func entry(key: CacheKey) throws(DecodeError) -> CacheEntry {
            let format: ResponseFormat
            switch Array(bytes(.responseFormat)) {
            case [0]: format = .json
            case [1]: format = .sse
            case let other: throw DecodeError(reason: "unknown response format \(other)")
            }
            func integers(_ tag: Tag, count: Int) throws(DecodeError) -> [Int64]? {
                guard let range = ranges[Int(tag.rawValue)] else { return nil }
                guard range.count == count * 8 else { throw DecodeError(reason: "field \(tag) has the wrong length") }
                return (0..<count).map { Int64(bitPattern: readBigEndian(raw, at: range.lowerBound + $0 * 8, as: UInt64.self)) }
            }
            guard let status = try integers(.responseStatus, count: 1)?.first,
                  let statusCode = Int(exactly: status) else { throw DecodeError(reason: "bad response status") }
            let usage = try integers(.usage, count: 4).map {
                BilledTokens(uncachedInput: Int($0[0]), output: Int($0[1]), cacheRead: Int($0[2]), cacheWrite: Int($0[3]))
            }
            return CacheEntry(
                key: key,
                keyDocument: Array(bytes(.keyDocument)),
                tenant: string(.tenant),
                provider: string(.provider),
                model: string(.model),
                endpoint: string(.endpoint),
                createdAtMs: createdAtMs,
                expiresAtMs: expiresAtMs,
                responseFormat: format,
                responseStatus: statusCode,
                responseBody: Array(bytes(.responseBody)),
                summary: Array(bytes(.summary)),
                usage: usage,
                cost: try integers(.costPicodollars, count: 1)?.first.map(USD.init(picodollars:)),
                hitCount: hitCount,
                lastAccessMs: lastAccessMs
            )
        }

        /// A copy of the record with new access counters; the layout is unchanged.
        func withAccess(hitCount: Int64, lastAccessMs: Int64) -> [UInt8] {
            var copy = Array(raw)
            if let range = range(.hitCount) { writeBigEndian(UInt64(bitPattern: hitCount), into: &copy, at: range.lowerBound) }
            if let range = range(.lastAccessMs) { writeBigEndian(UInt64(bitPattern: lastAccessMs), into: &copy, at: range.lowerBound) }
            return copy
        }
    }
}

@inline(__always)
func appendBigEndian<T: FixedWidthInteger>(_ value: T, to out: inout [UInt8]) {
    for shift in stride(from: T.bitWidth - 8, through: 0, by: -8) {
        out.append(UInt8(truncatingIfNeeded: value >> shift))
    }
}

@inline(__always)
func writeBigEndian<T: FixedWidthInteger>(_ value: T, into out: inout [UInt8], at offset: Int) {
    for index in 0..<(T.bitWidth / 8) {
        out[offset + index] = UInt8(truncatingIfNeeded: value >> (T.bitWidth - 8 - index * 8))
    }
}

@inline(__always)
func readBigEndian<T: FixedWidthInteger>(_ raw: UnsafeRawBufferPointer, at offset: Int, as: T.Type) -> T {
    var value: T = 0
    for index in 0..<(T.bitWidth / 8) { value = value << 8 | T(raw[offset + index]) }
    return value
}
