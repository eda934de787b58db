extension JSONValue: ExpressibleByDictionaryLiteral {
    /// An object with the members in written order (duplicates kept), so a literal fixes the
    /// order in which an object is written.
    public init(dictionaryLiteral elements: (JSONString, JSONValue)...) {
        self = .object(elements.map { JSONMember($0.0, $0.1) })
    }
}
