#if canImport(Darwin)
import Darwin
#elseif canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Canonicalizes a request body in one pass over its bytes, without building a `JSONValue`
/// tree: the request path runs this on every call, and the tree (an allocation per container,
/// reference counting per value) cost several times the parse itself.
///
/// Canonical text is written straight into one buffer. An object whose members must be sorted
/// records each member as (key bytes, output range) and, when it closes, rewrites its output
/// in key order from a copy. A string without `\/` or `\u` escapes is copied as written:
/// its canonical escaping is the same.
///
/// This is the fast path only. It gives up (`Fallback`) on anything unusual — every error,
/// every ambiguity, and the rare rules it does not implement — and the caller then runs the
/// tree-based reference path, which decides the outcome. So the fast path must agree with
/// the reference exactly when it succeeds, and needs no error reporting of its own.
struct CanonicalScanner {
    struct Fallback: Error {}

    /// One member of an object being scanned.
    struct Member {
        /// The key's unescaped bytes: in the source, or in `keys` when it had escapes.
        var keyOffset: Int
        var keyCount: Int
        var keyInArena: Bool
        /// The key's first eight bytes, big-endian, zero-padded: most comparisons end here.
        var keyPrefix: UInt64
        /// Output offsets: `"key":` starts at `start`, the value at `valueStart`.
        var start: Int
        var valueStart: Int
        var end: Int
        /// False for members the canonical form omits (`null` values, dropped keys).
        var kept: Bool
        var action: Action
    }

    enum Action {
        case none
        /// A string written plainly that turned out to be a text shorthand (its parent's
        /// `type` came later): wrapped in a text block when the object is rewritten.
        case wrapInTextBlock
        /// `max_tokens`, written as `max_completion_tokens`.
        case renamed
        /// The value is `replacement` (a string set).
        case replaced
    }

    let base: UnsafePointer<UInt8>
    let count: Int
    let maxDepth: Int
    let paths: PathTable
    let dropsCacheControl: Bool
    var index = 0
    var out: ScratchBuffer<UInt8>
    /// Unescaped keys that were written with escapes.
    var keys: ScratchBuffer<UInt8>
    /// Members of all open objects, innermost last.
    var members: ScratchBuffer<Member>
    /// A copy of an object's output while it is rewritten in key order.
    var temp: ScratchBuffer<UInt8>
    var replacement: [UInt8] = []

    init(base: UnsafePointer<UInt8>, count: Int, maxDepth: Int, paths: PathTable, dropsCacheControl: Bool) {
        self.base = base
        self.count = count
        self.maxDepth = maxDepth
        self.paths = paths
        self.dropsCacheControl = dropsCacheControl
        out = ScratchBuffer(capacity: count + count / 2 + 64)
        keys = ScratchBuffer(capacity: 64)
        members = ScratchBuffer(capacity: 64)
        temp = ScratchBuffer(capacity: count + 64)
    }

    func deallocate() {
        out.deallocate()
        keys.deallocate()
        members.deallocate()
        temp.deallocate()
    }

    @inline(__always)
    func peek() -> UInt8 {
        index < count ? base[index] : 0
    }

    @inline(__always)
    mutating func skipWhitespace() {
        while index < count {
            let byte = base[index]
            guard byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 else { return }
            index += 1
        }
    }

    @inline(__always)
    func keyBytes(_ member: Member) -> UnsafePointer<UInt8> {
        member.keyInArena ? UnsafePointer(keys.base) + member.keyOffset : base + member.keyOffset
    }

    /// Byte-wise order of two members' keys: negative, zero or positive. Zero padding sorts
    /// like "no byte", so unequal prefixes already decide.
    @inline(__always)
    func compareKeys(_ left: Member, _ right: Member) -> Int {
        if left.keyPrefix != right.keyPrefix { return left.keyPrefix < right.keyPrefix ? -1 : 1 }
        if left.keyCount <= 8 && right.keyCount <= 8 { return left.keyCount - right.keyCount }
        let leftBytes = keyBytes(left)
        let rightBytes = keyBytes(right)
        let common = min(left.keyCount, right.keyCount)
        var offset = 0
        while offset < common {
            if leftBytes[offset] != rightBytes[offset] { return Int(leftBytes[offset]) - Int(rightBytes[offset]) }
            offset += 1
        }
        return left.keyCount - right.keyCount
    }

    /// The first eight bytes of `bytes` as a big-endian number, zero-padded.
    @inline(__always)
    static func prefix(_ bytes: UnsafePointer<UInt8>, count: Int, readable: Int) -> UInt64 {
        if readable >= 8 {
            let word = UInt64(bigEndian: UnsafeRawPointer(bytes).loadUnaligned(as: UInt64.self))
            return count >= 8 ? word : count == 0 ? 0 : word & ~(UInt64.max >> UInt64(count * 8))
        }
        var word: UInt64 = 0
        for offset in 0..<8 {
            word = word << 8 | (offset < count ? UInt64(bytes[offset]) : 0)
        }
        return word
    }

    @inline(__always)
    func key(of member: Member, is name: StaticString) -> Bool {
        member.keyCount == name.utf8CodeUnitCount && memcmp(keyBytes(member), name.utf8Start, member.keyCount) == 0
    }

    /// Sorts `members[first..<end]` by key and gives up on a duplicate key (ambiguous: the
    /// reference path reports it). Insertion sort for the usual handful of members.
    mutating func sortMembers(from first: Int, to end: Int) throws(Fallback) {
        var span = UnsafeMutableBufferPointer(start: members.base + first, count: end - first)
        guard span.count > 1 else { return }
        if span.count > 32 {
            let scanner = self
            span.sort { scanner.compareKeys($0, $1) < 0 }
        } else {
            for position in 1..<span.count {
                let moving = span[position]
                var slot = position
                while slot > 0 && compareKeys(moving, span[slot - 1]) < 0 {
                    span[slot] = span[slot - 1]
                    slot -= 1
                }
                span[slot] = moving
            }
        }
        for position in 1..<span.count where compareKeys(span[position - 1], span[position]) == 0 {
            throw Fallback()
        }
    }

    /// Whether `members[first..<end]` are in strictly increasing key order (so also free of
    /// duplicates).
    func membersAreSorted(from first: Int, to end: Int) -> Bool {
        var position = first + 1
        while position < end {
            if compareKeys(members[position - 1], members[position]) >= 0 { return false }
            position += 1
        }
        return true
    }
}
