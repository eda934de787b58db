/// Typed reads with errors that name the field's path, used by the response builders.
extension ResponseJSON {
    func required(_ key: String, at path: String) throws(ResponseDecodingError) -> ResponseJSON {
        guard let value = self[key] else { throw .missingField(Self.join(path, key)) }
        return value
    }

    func string(_ key: String, at path: String) throws(ResponseDecodingError) -> String {
        let value = try required(key, at: path)
        guard let text = value.stringValue else { throw Self.mismatch(value, Self.join(path, key)) }
        return text
    }

    func optionalString(_ key: String, at path: String) throws(ResponseDecodingError) -> String? {
        guard let value = self[key] else { return nil }
        guard let text = value.stringValue else { throw Self.mismatch(value, Self.join(path, key)) }
        return text
    }

    /// A non-negative integer, as every token count and timestamp is.
    func count(_ key: String, at path: String) throws(ResponseDecodingError) -> Int {
        let value = try required(key, at: path)
        guard let number = value.intValue, number >= 0 else { throw Self.mismatch(value, Self.join(path, key)) }
        return number
    }

    func optionalCount(_ key: String, at path: String) throws(ResponseDecodingError) -> Int? {
        guard self[key] != nil else { return nil }
        return try count(key, at: path)
    }

    func array(_ key: String, at path: String) throws(ResponseDecodingError) -> [ResponseJSON] {
        let value = try required(key, at: path)
        guard let elements = value.arrayValue else { throw Self.mismatch(value, Self.join(path, key)) }
        return elements
    }

    func optionalArray(_ key: String, at path: String) throws(ResponseDecodingError) -> [ResponseJSON] {
        guard self[key] != nil else { return [] }
        return try array(key, at: path)
    }

    func object(_ key: String, at path: String) throws(ResponseDecodingError) -> ResponseJSON {
        let value = try required(key, at: path)
        guard value.isObject else { throw Self.mismatch(value, Self.join(path, key)) }
        return value
    }

    static func mismatch(_ value: ResponseJSON, _ path: String) -> ResponseDecodingError {
        .unexpectedValue(field: path, value: ResponseDecodingError.excerpt(value.serializedText))
    }

    private static func join(_ path: String, _ key: String) -> String {
        path.isEmpty ? key : "\(path).\(key)"
    }
}
