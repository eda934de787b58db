/// Reading provider responses with the shared parser, and typed reads with errors that name the
/// field's path, used by the response builders.
extension JSONValue {
    /// No size limit beyond the parser's own 4 GiB; nesting as deep as a response could need.
    private static let responseLimits = JSONLimits(maxBytes: .max, maxDepth: 256)

    /// Parses a provider response leniently where the meaning is still clear: duplicate keys are
    /// kept (``field(_:)`` takes the last), lone surrogate escapes become U+FFFD, and invalid
    /// UTF-8 inside strings is replaced by U+FFFD as `String(decoding:as:)` replaces it.
    package static func parsingResponse(_ bytes: [UInt8]) throws(ResponseDecodingError) -> JSONValue {
        do throws(JSONParseError) {
            return try JSONParser.parseReportingAmbiguity(bytes, limits: responseLimits).value
        } catch where error.kind == .invalidUTF8 {
            // Replacement leaves bytes outside strings invalid, so a document that was malformed
            // for another reason still fails.
            return try parsingResponse(Array(String(decoding: bytes, as: UTF8.self).utf8))
        } catch {
            throw .invalidJSON(reason: error.problem, offset: error.offset)
        }
    }

    package static func parsingResponse(_ text: String) throws(ResponseDecodingError) -> JSONValue {
        try parsingResponse(Array(text.utf8))
    }

    /// A string, or `null` for nil.
    package static func string(orNull text: String?) -> JSONValue {
        text.map { .string(JSONString($0)) } ?? .null
    }

    /// The value of `key` when this is an object that has it and it is not `null`. Of duplicate
    /// keys the last one counts.
    package func field(_ key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        let name = JSONString(key)
        guard let member = members.last(where: { $0.key == name }), !member.value.isNull else { return nil }
        return member.value
    }

    var isObject: Bool { objectMembers != nil }

    func required(_ key: String, at path: String) throws(ResponseDecodingError) -> JSONValue {
        guard let value = field(key) else { throw .missingField(Self.join(path, key)) }
        return value
    }

    func string(_ key: String, at path: String) throws(ResponseDecodingError) -> String {
        let value = try required(key, at: path)
        guard let text = value.stringValue else { throw Self.mismatch(value, Self.join(path, key)) }
        return text
    }

    func optionalString(_ key: String, at path: String) throws(ResponseDecodingError) -> String? {
        guard let value = field(key) else { return nil }
        guard let text = value.stringValue else { throw Self.mismatch(value, Self.join(path, key)) }
        return text
    }

    /// A non-negative integer written without fraction or exponent, as every token count and
    /// timestamp is.
    func count(_ key: String, at path: String) throws(ResponseDecodingError) -> Int {
        let value = try required(key, at: path)
        guard let text = value.numberValue?.text, let number = Int(text), number >= 0 else {
            throw Self.mismatch(value, Self.join(path, key))
        }
        return number
    }

    func optionalCount(_ key: String, at path: String) throws(ResponseDecodingError) -> Int? {
        guard field(key) != nil else { return nil }
        return try count(key, at: path)
    }

    func array(_ key: String, at path: String) throws(ResponseDecodingError) -> [JSONValue] {
        let value = try required(key, at: path)
        guard let elements = value.arrayValue else { throw Self.mismatch(value, Self.join(path, key)) }
        return elements
    }

    func optionalArray(_ key: String, at path: String) throws(ResponseDecodingError) -> [JSONValue] {
        guard field(key) != nil else { return [] }
        return try array(key, at: path)
    }

    func object(_ key: String, at path: String) throws(ResponseDecodingError) -> JSONValue {
        let value = try required(key, at: path)
        guard value.isObject else { throw Self.mismatch(value, Self.join(path, key)) }
        return value
    }

    static func mismatch(_ value: JSONValue, _ path: String) -> ResponseDecodingError {
        .unexpectedValue(field: path, value: ResponseDecodingError.excerpt(value.minifiedTextAsWritten))
    }

    private static func join(_ path: String, _ key: String) -> String {
        path.isEmpty ? key : "\(path).\(key)"
    }
}
