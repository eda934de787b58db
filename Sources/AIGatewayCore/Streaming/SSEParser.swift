/// A pure, incremental parser for `text/event-stream` bodies, following the WHATWG HTML
/// "event stream interpretation" rules.
///
/// It does no I/O and keeps no clock: feed it byte chunks as they arrive and it returns the
/// events each chunk completes. Chunk boundaries mean nothing — a chunk may end inside a line,
/// between the CR and LF of a CRLF, or inside a multi-byte UTF-8 character — because input is
/// consumed one byte at a time and text is decoded only once a whole line is in hand. Call
/// ``finish()`` at the end of input to learn whether the stream stopped mid-event.
///
/// The rules, in short: lines end in CRLF, LF or CR; one leading UTF-8 byte-order mark is
/// skipped; a line starting with `:` is a comment; `field: value` loses one space after the
/// colon, and a line without a colon is a field with an empty value; `data` lines accumulate,
/// joined by LF; a blank line dispatches the event, unless it has no data; unknown fields are
/// ignored; an `id` containing NUL is ignored; `retry` counts only if it is all ASCII digits.
public struct SSEParser: Sendable {
    /// The last `id:` seen, which persists across events as the EventSource `lastEventId` does.
    public private(set) var lastEventID = ""
    /// The last valid `retry:` seen, which persists like ``lastEventID``.
    public private(set) var reconnectionDelay: Duration?

    private var line: [UInt8] = []
    private var raw: [UInt8] = []
    private var afterCR = false
    /// Bytes held at the very start of the stream until we know whether they are a BOM.
    private var bomCandidate: [UInt8]? = []

    private var dataBuffer = ""
    private var eventType: String?
    private var eventID: String?
    private var eventRetry: Duration?
    /// A field line has been seen since the last blank line, so the stream is mid-event.
    private var inEvent = false

    private static let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
    private static let lf = UInt8(ascii: "\n")
    private static let cr = UInt8(ascii: "\r")
    private static let colon = UInt8(ascii: ":")
    private static let space = UInt8(ascii: " ")

    public init() {}

    /// Consumes `bytes` and returns the events they complete, in order.
    public mutating func feed(_ bytes: some Sequence<UInt8>) -> [ServerSentEvent] {
        var events: [ServerSentEvent] = []
        for byte in bytes {
            guard var candidate = bomCandidate else {
                consume(byte, into: &events)
                continue
            }
            candidate.append(byte)
            if candidate == Self.bom {
                raw.append(contentsOf: candidate)
                bomCandidate = nil
            } else if Self.bom.starts(with: candidate) {
                bomCandidate = candidate
            } else {
                bomCandidate = nil
                for held in candidate { consume(held, into: &events) }
            }
        }
        return events
    }

    /// Ends the input. Any partial event is dropped, as the EventSource rules require, and
    /// reported as ``SSEStreamEnd/truncated(partialBytes:)``.
    public mutating func finish() -> SSEStreamEnd {
        if let candidate = bomCandidate, !candidate.isEmpty {
            var ignored: [ServerSentEvent] = []
            bomCandidate = nil
            for held in candidate { consume(held, into: &ignored) }
        }
        let rest = raw
        let truncated = inEvent || !line.isEmpty
        // Start over for a reconnection, which keeps the id and delay a client would resend.
        let (id, delay) = (lastEventID, reconnectionDelay)
        self = SSEParser()
        (lastEventID, reconnectionDelay) = (id, delay)
        return truncated ? .truncated(partialBytes: rest) : .complete(trailingBytes: rest)
    }

    private mutating func consume(_ byte: UInt8, into events: inout [ServerSentEvent]) {
        raw.append(byte)
        if afterCR {
            afterCR = false
            if byte == Self.lf { return }
        }
        switch byte {
        case Self.lf:
            endLine(into: &events)
        case Self.cr:
            afterCR = true
            endLine(into: &events)
        default:
            line.append(byte)
        }
    }

    private mutating func endLine(into events: inout [ServerSentEvent]) {
        defer { line.removeAll(keepingCapacity: true) }
        guard let first = line.first else {
            dispatch(into: &events)
            return
        }
        if first == Self.colon { return }

        let name: ArraySlice<UInt8>
        var value: ArraySlice<UInt8>
        if let colonIndex = line.firstIndex(of: Self.colon) {
            name = line[..<colonIndex]
            value = line[(colonIndex + 1)...]
            if value.first == Self.space { value = value.dropFirst() }
        } else {
            name = line[...]
            value = []
        }
        inEvent = true
        let text = String(decoding: value, as: UTF8.self)
        switch String(decoding: name, as: UTF8.self) {
        case "event":
            eventType = text
        case "data":
            dataBuffer += text
            dataBuffer += "\n"
        case "id" where !value.contains(0):
            eventID = text
            lastEventID = text
        case "retry" where !value.isEmpty && value.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }):
            if let milliseconds = Int64(text) {
                eventRetry = .milliseconds(milliseconds)
                reconnectionDelay = eventRetry
            }
        default:
            break
        }
    }

    private mutating func dispatch(into events: inout [ServerSentEvent]) {
        defer {
            dataBuffer = ""
            eventType = nil
            eventID = nil
            eventRetry = nil
            inEvent = false
        }
        // No data, no event; its bytes stay in `raw` and travel with the next event.
        guard !dataBuffer.isEmpty else { return }
        dataBuffer.removeLast()
        events.append(ServerSentEvent(event: eventType, data: dataBuffer, id: eventID, retry: eventRetry, rawBytes: raw))
        raw.removeAll(keepingCapacity: true)
    }
}
