import AIGatewayCore

extension JSONValue {
    /// Parses JSON text that a caller supplied (a schema, tool arguments).
    static func parsing(_ text: String, what: String) throws -> JSONValue {
        do {
            return try JSONParser.parse(Array(text.utf8))
        } catch {
            throw GatewayError(.invalidRequest, message: "\(what) is not valid JSON: \(error)")
        }
    }
}
