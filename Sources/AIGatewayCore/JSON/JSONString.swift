#if canImport(Darwin)
import Darwin
#elseif canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// A JSON string value, compared, hashed and ordered by its UTF-8 bytes.
///
/// Swift's `String ==` uses Unicode canonical equivalence, so `"é"` (U+00E9) equals
/// `"e\u{301}"`. The model sees different bytes for those, and a cache that merged them would
/// serve a wrong hit. Wrapping the bytes means every comparison in the JSON layer is by bytes
/// without anyone having to remember it.
///
/// A long string parsed without escapes shares the parsed document's buffer: no copy, no
/// second UTF-8 validation, and the Swift `String` is only built when someone asks for it.
/// (So a parsed value keeps its source buffer alive.)
public struct JSONString: Sendable, Hashable, Comparable, CustomStringConvertible, ExpressibleByStringLiteral {
    /// Short strings (most keys, roles, types) are stored inline: no buffer to share means no
    /// reference counting when values are copied, sorted and compared — on the request path
    /// that traffic cost more than the parsing itself. Longer ones share a buffer by offset,
    /// which keeps the whole value small (copies of values are frequent).
    private enum Storage: Sendable {
        case inline(InlineBytes, count: UInt8)
        case shared([UInt8], start: UInt32, count: UInt32)
    }

    typealias InlineBytes = (
        UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
        UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8
    )
    static let inlineCapacity = 15

    /// Valid UTF-8, always.
    private let storage: Storage

    public init(_ string: String) {
        var text = string
        storage = text.withUTF8 { Self.storage(copying: $0) }
    }

    public init(stringLiteral value: String) {
        self.init(value)
    }

    /// Bytes `start..<start + count` of `source`, already validated as UTF-8. Short ones are
    /// copied inline; longer ones share `source`. The parser keeps documents below 4 GiB.
    init(validatedUTF8 source: [UInt8], start: Int, count: Int) {
        if count <= Self.inlineCapacity {
            storage = source.withUnsafeBufferPointer { Self.storage(copying: UnsafeBufferPointer(rebasing: $0[start..<start + count])) }
        } else {
            storage = .shared(source, start: UInt32(start), count: UInt32(count))
        }
    }

    /// Bytes already validated as UTF-8, copied.
    init(validatedUTF8 bytes: UnsafeBufferPointer<UInt8>) {
        storage = Self.storage(copying: bytes)
    }

    private static func storage(copying bytes: UnsafeBufferPointer<UInt8>) -> Storage {
        guard bytes.count <= inlineCapacity else {
            precondition(bytes.count <= UInt32.max, "JSONString holds at most 4 GiB")
            return .shared(Array(bytes), start: 0, count: UInt32(bytes.count))
        }
        var inline: InlineBytes = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        if bytes.count > 0 {
            withUnsafeMutableBytes(of: &inline) { $0.copyMemory(from: UnsafeRawBufferPointer(bytes)) }
        }
        return .inline(inline, count: UInt8(bytes.count))
    }

    /// The text as a Swift `String`, for display and for APIs that want one. Compare
    /// `JSONString`s, not these.
    public var string: String { withUTF8 { String(decoding: $0, as: UTF8.self) } }

    /// The UTF-8 bytes.
    public var utf8: ArraySlice<UInt8> {
        switch storage {
        case .shared(let bytes, let start, let count): bytes[Int(start)..<Int(start) + Int(count)]
        case .inline: withUTF8 { ArraySlice($0) }
        }
    }

    public var utf8Count: Int {
        switch storage {
        case .shared(_, _, let count): Int(count)
        case .inline(_, let count): Int(count)
        }
    }

    public var utf8Bytes: [UInt8] { withUTF8 { Array($0) } }

    public var description: String { string }

    /// Calls `body` with the contiguous UTF-8 bytes.
    public func withUTF8<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        switch storage {
        case .shared(let bytes, let start, let count):
            return try bytes.withUnsafeBufferPointer { buffer in
                try body(UnsafeBufferPointer(rebasing: buffer[Int(start)..<Int(start) + Int(count)]))
            }
        case .inline(var inline, let count):
            return try withUnsafeBytes(of: &inline) { raw in
                try body(UnsafeBufferPointer(start: raw.baseAddress!.assumingMemoryBound(to: UInt8.self), count: Int(count)))
            }
        }
    }

    public static func == (lhs: JSONString, rhs: JSONString) -> Bool {
        guard lhs.utf8Count == rhs.utf8Count else { return false }
        return lhs.withUTF8 { left in
            rhs.withUTF8 { right in
                left.count == 0 || memcmp(left.baseAddress!, right.baseAddress!, left.count) == 0
            }
        }
    }

    public func hash(into hasher: inout Hasher) {
        withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }

    /// Byte-wise lexicographic order, which is also Unicode code point order.
    public static func < (lhs: JSONString, rhs: JSONString) -> Bool {
        lhs.withUTF8 { left in
            rhs.withUTF8 { right in
                let common = min(left.count, right.count)
                if common > 0 {
                    let order = memcmp(left.baseAddress!, right.baseAddress!, common)
                    if order != 0 { return order < 0 }
                }
                return left.count < right.count
            }
        }
    }
}
