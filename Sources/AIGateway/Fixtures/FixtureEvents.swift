import AIGatewayCore

/// SSE events in the one form fixtures keep: `event`, `id` and `data`, where data that is JSON
/// is minified (numbers as written). A recorded stream is forwarded in this form too, so the
/// client sees while recording exactly the events it will see in replay.
enum FixtureEvents {
    /// `event` with JSON data minified and its raw bytes re-encoded; `retry` is dropped (it
    /// means nothing to a replay).
    static func normalized(_ event: ServerSentEvent) -> ServerSentEvent {
        var data = event.data
        if let value = try? JSONParser.parse(Array(event.data.utf8)) {
            data = value.minifiedTextAsWritten
        }
        return encoded(ServerSentEvent(event: event.event, data: data, id: event.id))
    }

    /// `event` with its raw bytes set to the SSE encoding of its fields.
    static func encoded(_ event: ServerSentEvent) -> ServerSentEvent {
        var event = event
        // Names and ids with line breaks cannot arrive from a parser; keep the bytes if they do.
        if let bytes = try? SSEWriter().encode(event) { event.rawBytes = bytes }
        return event
    }

    /// `{"event": …, "data": <JSON>}`, or `"data_text"` for data that is not JSON (`[DONE]`).
    static func jsonValue(_ event: ServerSentEvent) -> JSONValue {
        var members: [(String, JSONValue)] = []
        if let name = event.event { members.append(("event", .string(JSONString(name)))) }
        if let id = event.id { members.append(("id", .string(JSONString(id)))) }
        if let value = try? JSONParser.parse(Array(event.data.utf8)) {
            members.append(("data", value))
        } else {
            members.append(("data_text", .string(JSONString(event.data))))
        }
        return .sortedObject(members)
    }

    static func event(from value: JSONValue) -> ServerSentEvent? {
        let data: String
        if let json = value["data"] {
            data = json.minifiedTextAsWritten
        } else if let text = value["data_text"]?.stringValue {
            data = text
        } else {
            return nil
        }
        return encoded(ServerSentEvent(event: value["event"]?.stringValue, data: data, id: value["id"]?.stringValue))
    }

    /// The stream's bytes, event after event.
    static func bytes(_ events: [ServerSentEvent]) -> [UInt8] {
        events.flatMap(\.rawBytes)
    }
}
