import Foundation

extension ResponseSummary {
    /// Compact JSON with sorted keys, so equal summaries always give equal bytes. Absent
    /// optionals are left out rather than written as `null`. Written field by field (every miss
    /// stores one; `JSONEncoder` took longer than the rest of storing the entry); the same JSON
    /// value as `JSONEncoder` with sorted keys writes, which `StoredSummaryTests` checks.
    public func encoded() -> [UInt8] {
        var writer = SortedObjectWriter(capacity: 256 + text.utf8.count)
        // Left out when empty, so a one-choice answer is stored exactly as before choices were kept.
        if !additionalChoices.isEmpty {
            writer.key("additionalChoices")
            writer.out.append(UInt8(ascii: "["))
            for (index, choice) in additionalChoices.enumerated() {
                if index > 0 { writer.out.append(UInt8(ascii: ",")) }
                var object = SortedObjectWriter(capacity: 64 + choice.text.utf8.count)
                object.string("providerFinishReason", choice.providerFinishReason)
                if let refusal = choice.refusal { object.string("refusal", refusal) }
                object.string("text", choice.text)
                object.toolCalls(choice.toolCalls)
                writer.out.append(contentsOf: object.finished())
            }
            writer.out.append(UInt8(ascii: "]"))
        }
        if let created { writer.integer("created", created) }
        writer.string("id", id)
        writer.string("model", model)
        writer.string("provider", provider.rawValue)
        writer.string("providerFinishReason", providerFinishReason)
        if let refusal { writer.string("refusal", refusal) }
        if let stopSequence { writer.string("stopSequence", stopSequence) }
        if let systemFingerprint { writer.string("systemFingerprint", systemFingerprint) }
        writer.string("text", text)
        writer.toolCalls(toolCalls)
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

    /// Reads bytes written by ``encoded()``, with the project's byte parser and the field
    /// readers the provider answers are read with, rather than `JSONDecoder` (about ten times
    /// faster on a summary); `StoredSummaryTests` keeps the two readings equal.
    public init(decoding bytes: [UInt8]) throws(ResponseDecodingError) {
        do {
            let json = try JSONParser.parse(bytes)
            let providerName = try json.string("provider", at: "")
            guard let provider = Provider(rawValue: providerName) else {
                throw ResponseDecodingError.unexpectedValue(field: "provider", value: providerName)
            }
            let usage = try json.field("usage").map { usage throws(ResponseDecodingError) in
                BilledTokens(
                    uncachedInput: try usage.count(BilledTokens.CodingKeys.uncachedInput.stringValue, at: "usage"),
                    output: try usage.count(BilledTokens.CodingKeys.output.stringValue, at: "usage"),
                    cacheRead: try usage.count(BilledTokens.CodingKeys.cacheRead.stringValue, at: "usage"),
                    cacheWrite: try usage.count(BilledTokens.CodingKeys.cacheWrite.stringValue, at: "usage")
                )
            }
            self.init(
                provider: provider,
                id: try json.string("id", at: ""),
                model: try json.string("model", at: ""),
                created: try json.optionalCount("created", at: ""),
                text: try json.string("text", at: ""),
                refusal: try json.optionalString("refusal", at: ""),
                toolCalls: try Self.storedToolCalls(in: json),
                providerFinishReason: try json.string("providerFinishReason", at: ""),
                usage: usage,
                systemFingerprint: try json.optionalString("systemFingerprint", at: ""),
                stopSequence: try json.optionalString("stopSequence", at: ""),
                // Entries stored before choices were kept have none.
                additionalChoices: try json.optionalArray("additionalChoices", at: "").map { choice throws(ResponseDecodingError) in
                    ResponseChoice(
                        text: try choice.string("text", at: "additionalChoices"),
                        refusal: try choice.optionalString("refusal", at: "additionalChoices"),
                        toolCalls: try Self.storedToolCalls(in: choice),
                        providerFinishReason: try choice.string("providerFinishReason", at: "additionalChoices")
                    )
                }
            )
        } catch {
            throw .invalidStoredSummary(ResponseDecodingError.excerpt(String(describing: error)))
        }
    }
}

extension ResponseSummary {
    fileprivate static func storedToolCalls(in json: JSONValue) throws(ResponseDecodingError) -> [ToolCall] {
        try json.array("toolCalls", at: "").map { call throws(ResponseDecodingError) in
            ToolCall(id: try call.string("id", at: "toolCalls"), name: try call.string("name", at: "toolCalls"),
                     arguments: try call.string("arguments", at: "toolCalls"))
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

    mutating func toolCalls(_ calls: [ToolCall]) {
        key("toolCalls")
        out.append(UInt8(ascii: "["))
        for (index, call) in calls.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            var object = SortedObjectWriter(capacity: 64 + call.arguments.utf8.count)
            object.string("arguments", call.arguments)
            object.string("id", call.id)
            object.string("name", call.name)
            out.append(contentsOf: object.finished())
        }
        out.append(UInt8(ascii: "]"))
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
