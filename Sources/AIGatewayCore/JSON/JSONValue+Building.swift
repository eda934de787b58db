extension JSONValue {
    /// An object from members in the given order (the canonical form sorts API objects anyway).
    package static func object(fields members: [(String, JSONValue)]) -> JSONValue {
        .object(members.map { JSONMember(JSONString($0.0), $0.1) })
    }

    package static func string(_ text: String) -> JSONValue { .string(JSONString(text)) }

    /// A JSON number from a Double, by its shortest round-trip text; nil for NaN and infinities.
    package static func number(_ value: Double) -> JSONValue? {
        guard value.isFinite, let number = JSONNumber("\(value)") else { return nil }
        return .number(number)
    }

    package static func integer(_ value: some BinaryInteger) -> JSONValue { .number(JSONNumber(value)) }
}
