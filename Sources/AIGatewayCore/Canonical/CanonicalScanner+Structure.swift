#if canImport(Darwin)
import Darwin
#elseif canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Objects and arrays: the API-defined structure (sorted keys, `null` members and dropped
/// keys omitted, text shorthands expanded) and user-authored payloads (kept as written).
extension CanonicalScanner {
    typealias Live = PathTable.Live

    static let textBlockOpening: StaticString = #"[{"text":"#
    static let textBlockClosing: StaticString = #","type":"text"}]"#

    /// Writes the value at `index` in the API-defined structure. `depth` counts the open
    /// containers around it.
    mutating func scanValue(live: Live, depth: Int, requireObjectElements: Bool = false) throws(Fallback) {
        switch peek() {
        case UInt8(ascii: "{"): try scanObject(live: live, depth: depth)
        case UInt8(ascii: "["): try scanArray(live: live, depth: depth, requireObjectElements: requireObjectElements)
        default: try scanScalar()
        }
    }

    private mutating func scanObject(live: Live, depth: Int) throws(Fallback) {
        guard depth < maxDepth else { throw Fallback() }
        index += 1
        out.append(UInt8(ascii: "{"))
        let objectStart = out.count
        let first = members.count
        skipWhitespace()
        if peek() == UInt8(ascii: "}") {
            index += 1
            out.append(UInt8(ascii: "}"))
            return
        }
        let pending = try scanMembers(live: live, depth: depth, writesCommas: true)
        defer { members.count = first }
        var rewrite = false
        if let pending, let type = typeMember(from: first), members[type].kept,
            out.slice(members[type].valueStart, members[type].end, equals: paths.parentTypeText[pending.path])
        {
            members[pending.member].action = .wrapInTextBlock
            rewrite = true
        }
        if !membersAreSorted(from: first, to: members.count) {
            try sortMembers(from: first, to: members.count)
            rewrite = true
        }
        if rewrite { rewriteSorted(objectStart: objectStart, first: first) }
        out.append(UInt8(ascii: "}"))
    }

    private func typeMember(from first: Int) -> Int? {
        var position = first
        while position < members.count {
            if key(of: members[position], is: "type") { return position }
            position += 1
        }
        return nil
    }

    /// Rewrites an object's output (after `{`) as its kept members in their current order.
    private mutating func rewriteSorted(objectStart: Int, first: Int) {
        temp.count = 0
        temp.appendBytes(UnsafePointer(out.base) + objectStart, count: out.count - objectStart)
        out.count = objectStart
        let copy = UnsafePointer(temp.base) - objectStart
        var wroteOne = false
        for position in first..<members.count where members[position].kept {
            let member = members[position]
            if wroteOne { out.append(UInt8(ascii: ",")) }
            wroteOne = true
            if case .wrapInTextBlock = member.action {
                out.appendBytes(copy + member.start, count: member.valueStart - member.start)
                out.append(Self.textBlockOpening)
                out.appendBytes(copy + member.valueStart, count: member.end - member.valueStart)
                out.append(Self.textBlockClosing)
            } else {
                out.appendBytes(copy + member.start, count: member.end - member.start)
            }
        }
    }

    /// Scans the members of an API-defined object (after its `{` and any whitespace, up to and
    /// including its `}`), writing each kept one and recording all of them. Returns the member
    /// whose string waits for the parent's `type` to decide whether it is a text shorthand.
    mutating func scanMembers(
        live: Live,
        depth: Int,
        writesCommas: Bool,
        checksMessages: Bool = false
    ) throws(Fallback) -> (member: Int, path: Int)? {
        var pending: (member: Int, path: Int)?
        var kept = 0
        while true {
            let scanned = try scanKey()
            skipWhitespace()
            guard peek() == UInt8(ascii: ":") else { throw Fallback() }
            index += 1
            skipWhitespace()
            let memberStart = out.count
            if writesCommas && kept > 0 { out.append(UInt8(ascii: ",")) }
            let start = out.count
            writeKey(scanned)
            let valueStart = out.count
            var member = Member(
                keyOffset: scanned.offset, keyCount: scanned.count, keyInArena: scanned.inArena, keyPrefix: scanned.prefix,
                start: start, valueStart: valueStart, end: 0, kept: true, action: .none)
            let isNull = peek() == UInt8(ascii: "n")
            let (child, path) = live.set == 0 ? (Live.none, -1) : paths.advance(live, key: keyBytes(member), count: scanned.count)
            if path >= 0 && paths.isUserPayload[path] {
                try scanPlainValue(depth: depth + 1)
            } else if path >= 0 && peek() == UInt8(ascii: "\"") {
                if paths.parentTypeText[path].isEmpty {
                    out.append(Self.textBlockOpening)
                    try scanString()
                    out.append(Self.textBlockClosing)
                } else {
                    try scanString()
                    if depth == 0 { throw Fallback() }
                    pending = (members.count, path)
                }
            } else {
                let messages = checksMessages && key(of: member, is: "messages")
                try scanValue(live: child, depth: depth + 1, requireObjectElements: messages)
            }
            if isNull || (dropsCacheControl && key(of: member, is: "cache_control")) {
                out.count = memberStart
                member.kept = false
            } else {
                kept += 1
            }
            member.end = out.count
            members.append(member)
            // Commas are written per kept member above, so only the closing brace is left.
            guard try moreFollow(closing: UInt8(ascii: "}"), writing: false) else { return pending }
        }
    }

    private mutating func scanArray(live: Live, depth: Int, requireObjectElements: Bool) throws(Fallback) {
        let (child, path) = live.set == 0 ? (Live.none, -1) : paths.advance(live, key: nil, count: 0)
        if path >= 0 && paths.isUserPayload[path] {
            try scanPlainValue(depth: depth)
            return
        }
        guard depth < maxDepth else { throw Fallback() }
        try scanElements { (scanner) throws(Fallback) in
            if requireObjectElements && scanner.peek() != UInt8(ascii: "{") { throw Fallback() }
            try scanner.scanValue(live: child, depth: depth + 1)
        }
    }

    /// Writes an array whose `[` is at the cursor, each element by `element`, in order.
    @inline(__always)
    private mutating func scanElements(_ element: (inout Self) throws(Fallback) -> Void) throws(Fallback) {
        index += 1
        out.append(UInt8(ascii: "["))
        skipWhitespace()
        if peek() == UInt8(ascii: "]") {
            index += 1
            out.append(UInt8(ascii: "]"))
            return
        }
        while true {
            try element(&self)
            guard try moreFollow(closing: UInt8(ascii: "]"), writing: true) else { return }
        }
    }

    /// After a value inside an object or array: consumes `,` (true: another value follows) or
    /// `closing` (false), copying it to the output when `writing`; anything else falls back.
    @inline(__always)
    private mutating func moreFollow(closing: UInt8, writing: Bool) throws(Fallback) -> Bool {
        skipWhitespace()
        switch peek() {
        case UInt8(ascii: ","):
            index += 1
            if writing { out.append(UInt8(ascii: ",")) }
            skipWhitespace()
            return true
        case closing:
            index += 1
            if writing { out.append(closing) }
            return false
        default:
            throw Fallback()
        }
    }

    /// Writes a user-authored payload: minified, key order and `null`s kept.
    mutating func scanPlainValue(depth: Int) throws(Fallback) {
        switch peek() {
        case UInt8(ascii: "{"):
            guard depth < maxDepth else { throw Fallback() }
            index += 1
            out.append(UInt8(ascii: "{"))
            skipWhitespace()
            if peek() == UInt8(ascii: "}") {
                index += 1
                out.append(UInt8(ascii: "}"))
                return
            }
            let first = members.count
            defer { members.count = first }
            while true {
                let scanned = try scanKey()
                members.append(Member(
                    keyOffset: scanned.offset, keyCount: scanned.count, keyInArena: scanned.inArena, keyPrefix: scanned.prefix,
                    start: 0, valueStart: 0, end: 0, kept: true, action: .none))
                skipWhitespace()
                guard peek() == UInt8(ascii: ":") else { throw Fallback() }
                index += 1
                skipWhitespace()
                writeKey(scanned)
                try scanPlainValue(depth: depth + 1)
                guard try moreFollow(closing: UInt8(ascii: "}"), writing: true) else {
                    // Order is kept, but a duplicate key is still ambiguous.
                    if !membersAreSorted(from: first, to: members.count) {
                        try sortMembers(from: first, to: members.count)
                    }
                    return
                }
            }
        case UInt8(ascii: "["):
            guard depth < maxDepth else { throw Fallback() }
            try scanElements { (scanner) throws(Fallback) in try scanner.scanPlainValue(depth: depth + 1) }
        default:
            try scanScalar()
        }
    }

    mutating func scanScalar() throws(Fallback) {
        switch peek() {
        case UInt8(ascii: "\""): try scanString()
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): try scanNumber()
        case UInt8(ascii: "t"): try scanLiteral("true")
        case UInt8(ascii: "f"): try scanLiteral("false")
        case UInt8(ascii: "n"): try scanLiteral("null")
        default: throw Fallback()
        }
    }

    private mutating func scanLiteral(_ literal: StaticString) throws(Fallback) {
        let length = literal.utf8CodeUnitCount
        guard index + length <= count, memcmp(base + index, literal.utf8Start, length) == 0 else { throw Fallback() }
        out.appendBytes(base + index, count: length)
        index += length
    }
}
