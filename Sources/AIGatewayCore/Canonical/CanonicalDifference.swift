/// The first place where two canonical requests differ: the answer to "why did these two
/// miss each other?".
public struct CanonicalDifference: Sendable, Hashable, CustomStringConvertible {
    /// Where they differ: `provider`, `endpoint`, `header anthropic-beta`, `temperature`,
    /// `messages[1].content[0].text`, …
    public var path: String
    /// Each side's value as compact canonical JSON, or `(absent)`.
    public var left: String
    public var right: String
    /// Set when both sides hold the same members in a different order (only possible inside
    /// user-authored payloads, whose key order is kept).
    public var isOrderOnly: Bool

    public init(path: String, left: String, right: String, isOrderOnly: Bool = false) {
        self.path = path
        self.left = left
        self.right = right
        self.isOrderOnly = isOrderOnly
    }

    public static let absent = "(absent)"

    public var description: String {
        let note = isOrderOnly ? " (same members, different key order)" : ""
        return "\(path)\(note):\n  - \(left)\n  + \(right)"
    }

    /// The first difference between two requests, or nil when they have the same key in
    /// any one scope (same provider, endpoint, headers and canonical body).
    public static func first(between left: CanonicalRequest, and right: CanonicalRequest) -> CanonicalDifference? {
        if left.provider != right.provider {
            return CanonicalDifference(path: "provider", left: left.provider.rawValue, right: right.provider.rawValue)
        }
        if left.endpoint != right.endpoint {
            return CanonicalDifference(path: "endpoint", left: left.endpoint, right: right.endpoint)
        }
        let names = Set(left.headers.map { JSONString($0.name) } + right.headers.map { JSONString($0.name) }).sorted()
        for name in names {
            let leftValue = left.headers.first { JSONString($0.name) == name }.map { JSONString($0.value) }
            let rightValue = right.headers.first { JSONString($0.name) == name }.map { JSONString($0.value) }
            if leftValue != rightValue {
                return CanonicalDifference(
                    path: "header \(name.string)",
                    left: leftValue?.string ?? absent,
                    right: rightValue?.string ?? absent
                )
            }
        }
        if left.body == right.body { return nil }
        return first(between: left.bodyValue, and: right.bodyValue, at: "")
            ?? CanonicalDifference(path: "body", left: String(decoding: left.body, as: UTF8.self), right: String(decoding: right.body, as: UTF8.self))
    }

    private static func first(between left: JSONValue, and right: JSONValue, at path: String) -> CanonicalDifference? {
        switch (left, right) {
        case (.object(let leftMembers), .object(let rightMembers)):
            // Members missing on one side, in the left side's order, then the right's.
            for member in leftMembers where !rightMembers.contains(where: { $0.key == member.key }) {
                return CanonicalDifference(path: join(path, member.key), left: compact(member.value), right: absent)
            }
            for member in rightMembers where !leftMembers.contains(where: { $0.key == member.key }) {
                return CanonicalDifference(path: join(path, member.key), left: absent, right: compact(member.value))
            }
            for member in leftMembers {
                let other = rightMembers.first { $0.key == member.key }!.value
                if let difference = first(between: member.value, and: other, at: join(path, member.key)) {
                    return difference
                }
            }
            if leftMembers.map(\.key) != rightMembers.map(\.key) {
                return CanonicalDifference(path: path.isEmpty ? "(body)" : path, left: compact(left), right: compact(right), isOrderOnly: true)
            }
            return nil
        case (.array(let leftElements), .array(let rightElements)):
            for index in 0..<min(leftElements.count, rightElements.count) {
                if let difference = first(between: leftElements[index], and: rightElements[index], at: "\(path)[\(index)]") {
                    return difference
                }
            }
            if leftElements.count == rightElements.count { return nil }
            let index = min(leftElements.count, rightElements.count)
            return CanonicalDifference(
                path: "\(path)[\(index)]",
                left: index < leftElements.count ? compact(leftElements[index]) : absent,
                right: index < rightElements.count ? compact(rightElements[index]) : absent
            )
        default:
            if left == right { return nil }
            return CanonicalDifference(path: path.isEmpty ? "(body)" : path, left: compact(left), right: compact(right))
        }
    }

    private static func compact(_ value: JSONValue) -> String {
        String(decoding: JSONWriter.minified(value), as: UTF8.self)
    }

    /// `a.b` for plain keys, `a["odd key"]` for keys that would read ambiguously. Also how the
    /// fixture secret scan names the field it refuses.
    package static func join(_ path: String, _ key: JSONString) -> String {
        let plain = key.utf8Count > 0 && key.withUTF8 { bytes in
            bytes.allSatisfy { byte in
                (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                    || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "$")
            }
        }
        if plain { return path.isEmpty ? key.string : "\(path).\(key.string)" }
        return "\(path)[\(compact(.string(key)))]"
    }
}
