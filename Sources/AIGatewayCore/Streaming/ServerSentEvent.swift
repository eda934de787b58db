/// One event of a `text/event-stream`, as the WHATWG EventSource rules dispatch it.
public struct ServerSentEvent: Sendable, Hashable {
    /// The `event:` field; nil when the event had none. See ``type``.
    public var event: String?
    /// The `data:` lines of the event, joined with `"\n"`.
    public var data: String
    /// The `id:` field of this event's own lines, if it had one. (The id that persists across
    /// events, as a browser tracks it, is ``SSEParser/lastEventID``.)
    public var id: String?
    /// A valid `retry:` field of this event's lines.
    public var retry: Duration?
    /// The exact bytes this event was parsed from: everything after the previous event's
    /// dispatching line break up to and including this event's (so also comments, `ping`-style
    /// blocks without data, and a leading byte-order mark). Concatenating every event's raw bytes
    /// and the stream's trailing bytes gives back the input, byte for byte. Empty for events
    /// built in code.
    public var rawBytes: [UInt8]

    public init(event: String? = nil, data: String, id: String? = nil, retry: Duration? = nil, rawBytes: [UInt8] = []) {
        self.event = event
        self.data = data
        self.id = id
        self.retry = retry
        self.rawBytes = rawBytes
    }

    /// What to send for this event: the bytes it was parsed from, or for an event built in code
    /// its encoding by `writer`.
    public func bytes(writtenBy writer: SSEWriter) throws(SSEWriter.Failure) -> [UInt8] {
        rawBytes.isEmpty ? try writer.encode(self) : rawBytes
    }

    /// The event type a browser would dispatch: the `event:` field, or `message` if it was
    /// missing or empty.
    public var type: String {
        guard let event, !event.isEmpty else { return "message" }
        return event
    }
}

extension ServerSentEvent: CustomStringConvertible {
    /// One line, without the raw bytes, so that logs and test failures stay readable.
    public var description: String {
        var parts = ["type: \(type)", "data: \(data.debugDescription)"]
        if let id { parts.append("id: \(id.debugDescription)") }
        if let retry { parts.append("retry: \(retry)") }
        parts.append("raw: \(rawBytes.count) bytes")
        return "ServerSentEvent(\(parts.joined(separator: ", ")))"
    }
}
