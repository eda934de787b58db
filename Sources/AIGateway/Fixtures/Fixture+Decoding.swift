import AIGatewayCore

extension Fixture {
    /// Reads a fixture file's bytes; `file` names it in errors.
    public init(fileBytes bytes: [UInt8], file: String) throws(FixtureError) {
        let json: JSONValue
        do {
            json = try JSONParser.parse(bytes, limits: .fixtureFiles)
        } catch {
            throw .unreadable(file: file, reason: "not valid JSON: \(error)")
        }
        let reader = FieldReader(file: file)
        let format = try reader.int(json, "format_version")
        guard format == Fixture.formatVersion else {
            throw .unreadable(file: file, reason: "format_version \(format) is not \(Fixture.formatVersion)")
        }
        guard let key = CacheKey(hex: try reader.string(json, "key")) else {
            throw .unreadable(file: file, reason: "key is not 32 hex digits")
        }
        guard let provider = Provider(rawValue: try reader.string(json, "provider")) else {
            throw .unreadable(file: file, reason: "unknown provider")
        }
        let requestValue = try reader.field(json, "request")
        let headers = (requestValue["headers"]?.objectMembers ?? []).compactMap { member in
            member.value.stringValue.map { KeyedHeader(name: member.key.string, value: $0) }
        }
        let request = CanonicalRequest(
            provider: provider,
            endpoint: try reader.string(json, "endpoint"),
            model: try reader.string(json, "model"),
            headers: headers,
            body: JSONWriter.minified(try reader.field(requestValue, "body")),
            wantsStream: false
        )
        var usage: BilledTokens?
        if let value = json["usage"], !value.isNull { usage = try reader.usage(value) }
        var cost: USD?
        if let value = json["cost_usd"], !value.isNull { cost = try reader.amount(value) }
        self.init(
            keyVersion: try reader.int(json, "key_version"),
            key: key,
            sequence: try reader.int(json, "sequence"),
            scope: try reader.scope(try reader.field(json, "scope")),
            request: request,
            recordedAt: try reader.string(json, "recorded_at"),
            response: try reader.response(try reader.field(json, "response")),
            usage: usage,
            cost: cost
        )
    }
}

/// Reads the fields of a fixture, naming the file and field in every error.
private struct FieldReader {
    var file: String

    func field(_ object: JSONValue, _ name: String) throws(FixtureError) -> JSONValue {
        guard let value = object[JSONString(name)] else { throw .unreadable(file: file, reason: "\(name) is missing") }
        return value
    }

    func string(_ object: JSONValue, _ name: String) throws(FixtureError) -> String {
        guard let value = try field(object, name).stringValue else { throw .unreadable(file: file, reason: "\(name) is not a string") }
        return value
    }

    func int(_ object: JSONValue, _ name: String) throws(FixtureError) -> Int {
        guard let number = try field(object, name).numberValue, let value = Int(number.text) else {
            throw .unreadable(file: file, reason: "\(name) is not an integer")
        }
        return value
    }

    func scope(_ value: JSONValue) throws(FixtureError) -> CacheScope {
        if let shared = value["shared"]?.stringValue { return .shared(shared) }
        return .tenant(try string(value, "tenant"), namespace: value["namespace"]?.stringValue)
    }

    func usage(_ value: JSONValue) throws(FixtureError) -> BilledTokens {
        BilledTokens(uncachedInput: try int(value, "uncached_input"), output: try int(value, "output"),
                     cacheRead: try int(value, "cache_read"), cacheWrite: try int(value, "cache_write"))
    }

    func amount(_ value: JSONValue) throws(FixtureError) -> USD {
        guard let text = value.stringValue, let amount = USD(parsing: text) else {
            throw .unreadable(file: file, reason: "cost_usd is not a decimal string")
        }
        return amount
    }

    func response(_ value: JSONValue) throws(FixtureError) -> FixtureResponse {
        let status = try int(value, "status")
        var headers: [String: String] = [:]
        for member in value["headers"]?.objectMembers ?? [] {
            if let text = member.value.stringValue { headers[member.key.string] = text }
        }
        if let body = value["body"] {
            return FixtureResponse(status: status, headers: headers, content: .json(body))
        }
        if let list = value["events"]?.arrayValue {
            var events: [ServerSentEvent] = []
            for (index, element) in list.enumerated() {
                guard let event = FixtureEvents.event(from: element) else {
                    throw .unreadable(file: file, reason: "response.events[\(index)] has neither data nor data_text")
                }
                events.append(event)
            }
            return FixtureResponse(status: status, headers: headers, content: .events(events))
        }
        let error = try field(value, "error")
        var retryAfterMs: Int?
        if value["retry_after_ms"] != nil { retryAfterMs = try int(value, "retry_after_ms") }
        return FixtureResponse(status: status, headers: headers,
                               content: .error(type: error["type"]?.stringValue, code: error["code"]?.stringValue,
                                               message: try string(error, "message"),
                                               retryAfterMs: retryAfterMs))
    }
}

extension JSONLimits {
    /// Fixture files and the bodies they hold: no size limit (a file is the user's own), and
    /// deeper nesting than request bodies allow, since a recorded body is read back as it was.
    static let fixtureFiles = JSONLimits(maxBytes: .max, maxDepth: 512)
}
