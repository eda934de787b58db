import Foundation

extension ResponseSummary {
    /// Compact JSON with sorted keys, so equal summaries always give equal bytes. Absent
    /// optionals are left out rather than written as `null`. Written field by field (every miss
    /// stores one; `JSONEncoder` took longer than the rest of storing the entry); the same JSON
    /// value as `JSONEncoder` with sorted keys writes, which `StoredSummaryTests` checks.
    public func encoded() -> [UInt8] {
        var writer = SortedObjectWriter(capacity: 256 + text.utf8.count)
        if let created { writer.integer("created", created) }
        writer.string("id", id)
        writer.string("model", model)
        writer.string("provider", provider.rawValue)
        writer.string("providerFinishReason", providerFinishReason)
        if let refusal { writer.string("refusal", refusal) }
        if let stopSequence { writer.string("stopSequence", stopSequence) }
        if let systemFingerprint { writer.string("systemFingerprint", systemFingerprint) }
        writer.string("text", text)
        writer.key("toolCalls")
        writer.out.append(UInt8(ascii: "["))
        for (index, call) in toolCalls.enumerated() {
            if index > 0 { writer.out.append(UInt8(ascii: ",")) }
            var object = SortedObjectWriter(capacity: 64 + call.arguments.utf8.count)
            object.string("arguments", call.arguments)
            object.string("id", call.id)
            object.string("name", call.name)
            writer.out.append(contentsOf: object.finished())
        }
        writer.out.append(UInt8(ascii: "]"))
        if let usage {
            var object = SortedObjectWriter(capacity: 128)
            object.integer(BilledTokens.CodingKeys.cacheRead.stringValue, usage.cacheRead)
            object.integer(BilledTokens.CodingKeys.cacheWrite.stringValue, usage.cacheWrite)
            object.integer(BilledTokens.CodingKeys.output.stringValue, usage.output)
            object.integer(BilledTokens.CodingKeys.uncachedInput.stringValue, usage.uncachedInput)
            writer.key("usage")
            writer.out.append(contentsOf: object.finished())
        }
        return writer.finished()
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

/// A JSON object written member by member, the caller giving the keys in sorted order.
private struct SortedObjectWriter {
    var out: [UInt8]
    private var empty = true

    init(capacity: Int) {
        out = [UInt8(ascii: "{")]
        out.reserveCapacity(capacity)
    }

    mutating func key(_ name: String) {
        if !empty { out.append(UInt8(ascii: ",")) }
        empty = false
        JSONWriter.writeString(JSONString(name), to: &out)
        out.append(UInt8(ascii: ":"))
    }

    mutating func string(_ name: String, _ value: String) {
        key(name)
        JSONWriter.writeString(JSONString(value), to: &out)
    }

    mutating func integer(_ name: String, _ value: Int) {
        key(name)
        out.append(contentsOf: String(value).utf8)
    }

    mutating func finished() -> [UInt8] {
        out.append(UInt8(ascii: "}"))
        return out
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
