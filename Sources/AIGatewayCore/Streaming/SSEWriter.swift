/// Encodes events as `text/event-stream` bytes, for replaying stored streams.
///
/// The output is the canonical form providers send — `event: …`, `id: …`, `retry: …`, one
/// `data: …` line per data line, then a blank line, all with LF line ends — so re-encoding an
/// OpenAI or Anthropic event gives its original bytes. When the original bytes must be kept
/// whatever their form, replay ``ServerSentEvent/rawBytes`` instead.
public struct SSEWriter: Sendable {
    public enum Failure: Error, Sendable, Hashable, CustomStringConvertible {
        /// An `event` or `id` value holding CR or LF cannot be written as one field line.
        case lineBreakInField(String)
        /// An `id` holding NUL would be ignored by every reader.
        case nullInID

        public var description: String {
            switch self {
            case let .lineBreakInField(field): "SSE field \(field) cannot contain a line break"
            case .nullInID: "SSE id cannot contain NUL"
            }
        }
    }

    public init() {}

    /// The bytes of `event`. Data containing CR or CRLF is written as separate lines, so it reads
    /// back with LF in their place; the stream format has no way to carry a bare CR in data.
    public func encode(_ event: ServerSentEvent) throws(Failure) -> [UInt8] {
        var out: [UInt8] = []
        if let name = event.event {
            guard !Self.hasLineBreak(name) else { throw .lineBreakInField("event") }
            Self.append(field: "event", value: name, to: &out)
        }
        if let id = event.id {
            guard !Self.hasLineBreak(id) else { throw .lineBreakInField("id") }
            guard !id.utf8.contains(0) else { throw .nullInID }
            Self.append(field: "id", value: id, to: &out)
        }
        if let retry = event.retry {
            let (seconds, attoseconds) = retry.components
            Self.append(field: "retry", value: String(max(0, seconds * 1000 + attoseconds / 1_000_000_000_000_000)), to: &out)
        }
        for dataLine in Self.lines(of: event.data) {
            Self.append(field: "data", value: dataLine, to: &out)
        }
        out.append(UInt8(ascii: "\n"))
        return out
    }

    /// A comment line, such as the `: keep-alive` some servers send to hold a connection open.
    public func encodeComment(_ text: String) -> [UInt8] {
        Self.lines(of: text).flatMap { Array(":\($0)\n".utf8) }
    }

    private static func append(field: String, value: String, to out: inout [UInt8]) {
        out.append(contentsOf: field.utf8)
        out.append(contentsOf: ": ".utf8)
        out.append(contentsOf: value.utf8)
        out.append(UInt8(ascii: "\n"))
    }

    private static func hasLineBreak(_ text: String) -> Bool {
        text.utf8.contains(UInt8(ascii: "\n")) || text.utf8.contains(UInt8(ascii: "\r"))
    }

    /// Splits on LF, CR and CRLF, as a reader will.
    private static func lines(of text: String) -> [String] {
        var lines: [String] = []
        var current: [UInt8] = []
        var afterCR = false
        for byte in text.utf8 {
            if afterCR {
                afterCR = false
                if byte == UInt8(ascii: "\n") { continue }
            }
            if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") {
                lines.append(String(decoding: current, as: UTF8.self))
                current.removeAll()
                afterCR = byte == UInt8(ascii: "\r")
            } else {
                current.append(byte)
            }
        }
        lines.append(String(decoding: current, as: UTF8.self))
        return lines
    }
}
