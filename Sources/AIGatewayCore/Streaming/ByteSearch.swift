#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Finding a short byte string in a long one (an answer, a stream): `memchr` for the needle's
/// first byte, `memcmp` for the rest, so a megabyte is searched in microseconds. (`memmem` is not
/// visible to Swift through Glibc; the standard library's generic `firstRange(of:)` is tens of
/// times slower on the byte arrays the gateway passes around.)
package enum ByteSearch {
    /// The offset of the first `needle` in `haystack` at or after `start`; nil when there is none.
    static func firstOffset(of needle: [UInt8], in haystack: UnsafeRawBufferPointer, from start: Int = 0) -> Int? {
        guard let first = needle.first, let base = haystack.baseAddress, haystack.count - start >= needle.count else { return nil }
        return needle.withUnsafeBytes { pin -> Int? in
            let last = haystack.count - pin.count
            var offset = start
            while offset <= last {
                guard let found = memchr(base + offset, Int32(first), last - offset + 1) else { return nil }
                let at = UnsafeRawPointer(found) - base
                if memcmp(base + at, pin.baseAddress!, pin.count) == 0 { return at }
                offset = at + 1
            }
            return nil
        }
    }

    /// ``firstOffset(of:in:from:)`` over an array.
    package static func firstOffset(of needle: [UInt8], in haystack: [UInt8], from start: Int = 0) -> Int? {
        haystack.withUnsafeBytes { firstOffset(of: needle, in: $0, from: start) }
    }

    /// `bytes` without any occurrence of `needle`, returned as they are (not copied) when there
    /// is none.
    static func removingAll(_ needle: [UInt8], from bytes: [UInt8]) -> [UInt8] {
        bytes.withUnsafeBytes { haystack -> [UInt8] in
            guard var found = firstOffset(of: needle, in: haystack) else { return bytes }
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count)
            var copied = 0
            while true {
                out.append(contentsOf: haystack[copied..<found])
                copied = found + needle.count
                guard let next = firstOffset(of: needle, in: haystack, from: copied) else { break }
                found = next
            }
            out.append(contentsOf: haystack[copied...])
            return out
        }
    }
}
