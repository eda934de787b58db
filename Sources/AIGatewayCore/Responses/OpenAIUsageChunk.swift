/// An OpenAI chat stream's usage chunk (empty `choices`, a `usage` object, just before
/// `data: [DONE]`), added to or taken from a stream so that it follows what the client being
/// answered asked for (`stream_options.include_usage`), not what the request that stored the
/// stream asked for.
///
/// The gateway asks the provider for the usage chunk on every OpenAI stream it forwards (it
/// needs the usage to price the answer), so a stored stream normally has one, and a client that
/// did not ask gets it taken out. The stored bytes stay the truth for everything else.
package enum OpenAIUsageChunk {
    /// A whole stream's bytes with the usage chunk present exactly when `included` (when the
    /// usage is known). Only its last two events are read, so a long answer costs no more than
    /// a short one, and the usual cases are decided without parsing them.
    package static func rendering(_ bytes: [UInt8], included: Bool, summary: ResponseSummary) -> [UInt8] {
        // The usual cases need no parse: OpenAI writes the chunk compactly, so a tail with an
        // empty `choices` has it, and a tail that never names `usage` has none (and no nulls).
        let window = max(0, bytes.count - tailWindow)
        let tailHas = { (needle: [UInt8]) in bytes.withUnsafeBytes { ByteSearch.firstOffset(of: needle, in: $0, from: window) != nil } }
        if included, tailHas(emptyChoices) { return bytes }
        if !included, !tailHas(usageName) { return bytes }
        let tailStart = firstEventStart(in: bytes, after: window)
        var parser = SSEParser()
        let tail = parser.feed(bytes[tailStart...])
        guard parser.finish() == .complete(trailingBytes: []), let done = tail.last, done.data == "[DONE]" else { return bytes }
        let doneStart = bytes.count - done.rawBytes.count
        let present = tail.count > 1 && isUsageChunk(tail[tail.count - 2])
        if present, !included {
            let usageStart = doneStart - tail[tail.count - 2].rawBytes.count
            return ByteSearch.removingAll(usageNull, from: Array(bytes[..<usageStart])) + bytes[doneStart...]
        }
        if !present, included, let chunk = chunk(for: summary), let written = try? SSEWriter().encode(chunk) {
            return Array(bytes[..<doneStart]) + written + bytes[doneStart...]
        }
        return bytes
    }

    /// With the usage chunk asked for, every chunk before it carries `"usage":null`; OpenAI
    /// leaves the member out when it was not asked for, and so does the gateway. Inside a JSON
    /// string the quotes would be escaped, so every occurrence is the member itself.
    static let usageNull = Array(#","usage":null"#.utf8)

    /// `event` without its `"usage":null` member.
    package static func withoutUsageNull(_ event: ServerSentEvent) -> ServerSentEvent {
        let data = Array(event.data.utf8)
        guard ByteSearch.firstOffset(of: usageNull, in: data) != nil else { return event }
        var stripped = event
        stripped.data = String(decoding: ByteSearch.removingAll(usageNull, from: data), as: UTF8.self)
        stripped.rawBytes = ByteSearch.removingAll(usageNull, from: event.rawBytes)
        return stripped
    }

    /// Whether `event` is the usage chunk.
    static func isUsageChunk(_ event: ServerSentEvent) -> Bool {
        guard event.data.utf8.first == UInt8(ascii: "{"), let chunk = try? JSONParser.parse(Array(event.data.utf8)),
              case .array(let choices)? = chunk["choices"], choices.isEmpty, case .object? = chunk["usage"]
        else { return false }
        return true
    }

    /// The usage chunk for a stream that has none, from the stored usage; nil when it is unknown.
    private static func chunk(for summary: ResponseSummary) -> ServerSentEvent? {
        guard let usage = summary.usage else { return nil }
        let frame = OpenAIChunkFrame(id: summary.id, created: summary.created ?? 0, model: summary.model,
                                     systemFingerprint: summary.systemFingerprint, includeUsage: true)
        return frame.usage(usage)
    }

    private static let emptyChoices = Array(#""choices":[]"#.utf8)
    private static let usageName = Array(#""usage""#.utf8)

    /// Far more than a usage chunk and `[DONE]` take (about 300 bytes).
    private static let tailWindow = 4096

    /// Where the first event that starts at or after `offset` begins: just past the first blank
    /// line (LF LF, CR LF CR LF or CR CR) ending before it, or 0 when `offset` is 0.
    private static func firstEventStart(in bytes: [UInt8], after offset: Int) -> Int {
        guard offset > 0 else { return 0 }
        let lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")
        var index = offset
        while index + 1 < bytes.count {
            let pair = (bytes[index], bytes[index + 1])
            if pair == (lf, lf) || pair == (cr, cr) { return index + 2 }
            if pair == (cr, lf), index + 3 < bytes.count, bytes[index + 2] == cr, bytes[index + 3] == lf { return index + 4 }
            index += 1
        }
        return bytes.count
    }
}
