import AIGatewayCore

extension Fixture {
    /// The file's bytes: two-space indentation, LF line ends, a final newline. Members the
    /// fixture defines are sorted by name; the canonical body keeps its canonical order and the
    /// response body and events the provider's, so the file reads like what was exchanged.
    public var fileBytes: [UInt8] {
        Self.fileBytes(of: jsonValue)
    }

    /// ``fileBytes`` of a ``jsonValue`` already built (the writer builds it once to scan it).
    static func fileBytes(of value: JSONValue) -> [UInt8] {
        JSONWriter.prettyBytes(value, numbersAsWritten: true) + [UInt8(ascii: "\n")]
    }

    var jsonValue: JSONValue {
        .sortedObject([
            ("format_version", .number(JSONNumber(Fixture.formatVersion))),
            ("key_version", .number(JSONNumber(keyVersion))),
            ("key", .string(JSONString(key.hex))),
            ("sequence", .number(JSONNumber(sequence))),
            ("provider", .string(JSONString(request.provider.rawValue))),
            ("endpoint", .string(JSONString(request.endpoint))),
            ("model", .string(JSONString(request.model))),
            ("recorded_at", .string(JSONString(recordedAt))),
            ("scope", Self.scopeValue(scope)),
            ("request", .sortedObject([
                ("headers", .sortedObject(request.headers.map { ($0.name, JSONValue.string(JSONString($0.value))) })),
                ("body", request.bodyValue),
            ])),
            ("response", response.jsonValue),
            ("usage", usage.map(Self.usageValue) ?? .null),
            ("cost_usd", cost.map { JSONValue.string(JSONString($0.plainAmount)) } ?? .null),
        ])
    }

    static func scopeValue(_ scope: CacheScope) -> JSONValue {
        switch scope {
        case .tenant(let tenant, let namespace):
            var members: [(String, JSONValue)] = [("tenant", .string(JSONString(tenant)))]
            if let namespace { members.append(("namespace", .string(JSONString(namespace)))) }
            return .sortedObject(members)
        case .shared(let namespace):
            return .sortedObject([("shared", .string(JSONString(namespace)))])
        }
    }

    /// The four disjoint counts of ``BilledTokens``, under their own names.
    static func usageValue(_ usage: BilledTokens) -> JSONValue {
        .sortedObject([
            ("uncached_input", .number(JSONNumber(usage.uncachedInput))),
            ("output", .number(JSONNumber(usage.output))),
            ("cache_read", .number(JSONNumber(usage.cacheRead))),
            ("cache_write", .number(JSONNumber(usage.cacheWrite))),
        ])
    }
}

extension FixtureResponse {
    var jsonValue: JSONValue {
        var members: [(String, JSONValue)] = [("status", .number(JSONNumber(status)))]
        if !headers.isEmpty {
            members.append(("headers", .sortedObject(headers.map { ($0.key, JSONValue.string(JSONString($0.value))) })))
        }
        switch content {
        case .json(let body):
            members.append(("body", body))
        case .events(let events):
            members.append(("events", .array(events.map(FixtureEvents.jsonValue))))
        case .error(let type, let code, let message, let retryAfterMs):
            // `code` only when the provider sent one, so fixtures recorded without it read the same.
            var error: [(String, JSONValue)] = [
                ("type", type.map { JSONValue.string(JSONString($0)) } ?? .null),
                ("message", .string(JSONString(message))),
            ]
            if let code { error.append(("code", .string(JSONString(code)))) }
            members.append(("error", .sortedObject(error)))
            if let retryAfterMs { members.append(("retry_after_ms", .number(JSONNumber(retryAfterMs)))) }
        }
        return .sortedObject(members)
    }
}

extension JSONValue {
    /// An object whose members are sorted by the bytes of their names.
    static func sortedObject(_ members: [(String, JSONValue)]) -> JSONValue {
        .object(members.map { JSONMember(JSONString($0.0), $0.1) }.sorted { $0.key < $1.key })
    }
}
