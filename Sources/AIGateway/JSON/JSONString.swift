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
/// A string parsed without escapes is a slice of the parsed document's buffer: no copy, no
/// second UTF-8 validation, and the Swift `String` is only built when someone asks for it.
/// (So a parsed value keeps its source buffer alive.)
public struct JSONString: Sendable, Hashable, Comparable, CustomStringConvertible, ExpressibleByStringLiteral {
    /// Valid UTF-8, always.
    public let utf8: ArraySlice<UInt8>

    public init(_ string: String) {
        utf8 = ArraySlice(string.utf8)
    }

    public init(stringLiteral value: String) {
        self.init(value)
    }

    /// Bytes that the caller has already validated as UTF-8.
    init(validatedUTF8 bytes: ArraySlice<UInt8>) {
        utf8 = bytes
    }

    /// The text as a Swift `String`, for display and for APIs that want one. Compare
    /// `JSONString`s, not these.
    public var string: String { String(decoding: utf8, as: UTF8.self) }

    public var utf8Bytes: [UInt8] { Array(utf8) }

    public var description: String { string }

    /// Calls `body` with the contiguous UTF-8 bytes.
    public func withUTF8<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        try utf8.withUnsafeBufferPointer(body)
    }

    public static func == (lhs: JSONString, rhs: JSONString) -> Bool {
        guard lhs.utf8.count == rhs.utf8.count else { return false }
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
