extension JSONValue {
    /// An object from members in the given order (the canonical form sorts API objects anyway).
    static func object(fields members: [(String, JSONValue)]) -> JSONValue {
        .object(members.map { JSONMember(JSONString($0.0), $0.1) })
    }

    static func string(_ text: String) -> JSONValue { .string(JSONString(text)) }

    /// A JSON number from a Double, by its shortest round-trip text; nil for NaN and infinities.
    static func number(_ value: Double) -> JSONValue? {
        guard value.isFinite, let number = JSONNumber("\(value)") else { return nil }
        return .number(number)
    }

    static func integer(_ value: some BinaryInteger) -> JSONValue { .number(JSONNumber(value)) }

    /// Parses JSON text that a caller supplied (a schema, tool arguments).
    static func parsing(_ text: String, what: String) throws -> JSONValue {
        do {
            return try JSONParser.parse(Array(text.utf8))
        } catch {
            throw GatewayError(.invalidRequest, message: "\(what) is not valid JSON: \(error)")
        }
    }
}
