/// A parsed JSON document.
///
/// Objects are ordered member lists, as parsed: most objects in a request are API-defined and
/// get sorted by the canonical form, but JSON Schemas and tool inputs keep their order because
/// structured output follows it. Strings and keys are ``JSONString``s (compared by bytes) and
/// numbers are ``JSONNumber``s (exact decimals), so `==` on two values is exact. Objects
/// compare member by member in order; the canonical form decides where order matters.
public enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    // Boxed: numbers are rare in requests and large, and every value is as big as its
    // largest case.
    indirect case number(JSONNumber)
    case string(JSONString)
    case array([JSONValue])
    case object([JSONMember])
}

/// One `"key": value` pair of an object.
public struct JSONMember: Sendable, Hashable {
    public var key: JSONString
    public var value: JSONValue

    public init(_ key: JSONString, _ value: JSONValue) {
        self.key = key
        self.value = value
    }
}
