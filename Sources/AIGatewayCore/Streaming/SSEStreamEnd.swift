/// How a `text/event-stream` ended, from ``SSEParser/finish()``.
public enum SSEStreamEnd: Sendable, Hashable {
    /// The input ended between events. `trailingBytes` are what followed the last event
    /// (comments or blank lines), kept for byte-exact replay.
    case complete(trailingBytes: [UInt8])
    /// The input ended inside an event — a partial line, or field lines without the blank line
    /// that dispatches them. Per the EventSource rules that event is dropped; a gateway must also
    /// treat the whole response as failed and never cache it.
    case truncated(partialBytes: [UInt8])

    public var isTruncated: Bool {
        if case .truncated = self { return true }
        return false
    }
}
