import Foundation

extension ResponseSummary {
    /// Compact JSON with sorted keys, so equal summaries always give equal bytes. Absent
    /// optionals are left out rather than written as `null`.
    public func encoded() -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        do {
            return Array(try encoder.encode(self))
        } catch {
            // Only strings, integers, arrays and nested structs of them: nothing here can fail.
            preconditionFailure("ResponseSummary failed to encode: \(error)")
        }
    }

    /// Reads bytes written by ``encoded()``. Every cache hit does this, so it reads with the
    /// project's byte parser rather than `JSONDecoder` (about ten times faster on a summary);
    /// `StoredSummaryTests` keeps the two readings equal.
    public init(decoding bytes: [UInt8]) throws(ResponseDecodingError) {
        do {
            let json = try JSONParser.parse(bytes)
            let stored = StoredSummaryFields(json)
            guard let provider = Provider(rawValue: try stored.string("provider")) else {
                throw StoredSummaryFields.Invalid(field: "provider")
            }
            self.init(
                provider: provider,
                id: try stored.string("id"),
                model: try stored.string("model"),
                created: try stored.optionalInteger("created"),
                text: try stored.string("text"),
                refusal: try stored.optionalString("refusal"),
                toolCalls: try stored.toolCalls(),
                providerFinishReason: try stored.string("providerFinishReason"),
                usage: try stored.usage(),
                systemFingerprint: try stored.optionalString("systemFingerprint"),
                stopSequence: try stored.optionalString("stopSequence")
            )
        } catch {
            throw .invalidStoredSummary(ResponseDecodingError.excerpt(String(describing: error)))
        }
    }
}

/// The fields of a stored summary, read strictly: a required field that is missing or of the
/// wrong type makes the entry unreadable (a miss), as `JSONDecoder` would.
private struct StoredSummaryFields {
    struct Invalid: Error, CustomStringConvertible {
        var field: String
        var description: String { "stored summary field '\(field)' is missing or invalid" }
    }

    let json: JSONValue

    init(_ json: JSONValue) { self.json = json }

    func string(_ key: JSONString, in object: JSONValue? = nil) throws -> String {
        guard let text = (object ?? json)[key]?.stringValue else { throw Invalid(field: key.string) }
        return text
    }

    func optionalString(_ key: JSONString) throws -> String? {
        guard let value = json[key], !value.isNull else { return nil }
        return try string(key)
    }

    func integer(_ key: JSONString, in object: JSONValue? = nil) throws -> Int {
        guard let number = (object ?? json)[key]?.numberValue?.int64Value, let value = Int(exactly: number) else {
            throw Invalid(field: key.string)
        }
        return value
    }

    func optionalInteger(_ key: JSONString) throws -> Int? {
        guard let value = json[key], !value.isNull else { return nil }
        return try integer(key)
    }

    func toolCalls() throws -> [ToolCall] {
        guard let calls = json["toolCalls"]?.arrayValue else { throw Invalid(field: "toolCalls") }
        return try calls.map { call in
            ToolCall(id: try string("id", in: call), name: try string("name", in: call), arguments: try string("arguments", in: call))
        }
    }

    func usage() throws -> BilledTokens? {
        guard let usage = json["usage"], !usage.isNull else { return nil }
        return BilledTokens(
            uncachedInput: try integer("uncachedInputTokens", in: usage),
            output: try integer("outputTokens", in: usage),
            cacheRead: try integer("cacheReadInputTokens", in: usage),
            cacheWrite: try integer("cacheWriteInputTokens", in: usage)
        )
    }
}
