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
/// serve a wrong hit. Wrapping the text means every comparison in the JSON layer is by bytes
/// without anyone having to remember it.
public struct JSONString: Sendable, Hashable, Comparable, CustomStringConvertible, ExpressibleByStringLiteral {
    // Kept as a native Swift string: UTF-8 storage, and keys of up to 15 bytes live inline
    // without an allocation. Never compared with `String ==`.
    private var storage: String

    public init(_ string: String) {
        storage = string
    }

    public init(stringLiteral value: String) {
        storage = value
    }

    /// Bytes that the caller has already validated as UTF-8.
    init(validatedUTF8 bytes: UnsafeRawBufferPointer) {
        storage = String(decoding: bytes.bindMemory(to: UInt8.self), as: UTF8.self)
    }

    /// The text as a Swift `String`, for display and for APIs that want one. Compare
    /// `JSONString`s, not these.
    public var string: String { storage }

    public var utf8: String.UTF8View { storage.utf8 }

    public var utf8Bytes: [UInt8] { Array(storage.utf8) }

    public var description: String { storage }

    /// Calls `body` with the contiguous UTF-8 bytes.
    public func withUTF8<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        var copy = storage
        return try copy.withUTF8(body)
    }

    public static func == (lhs: JSONString, rhs: JSONString) -> Bool {
        lhs.withUTF8 { left in
            rhs.withUTF8 { right in
                left.count == right.count
                    && (left.count == 0 || memcmp(left.baseAddress!, right.baseAddress!, left.count) == 0)
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
