/// Why a provider response (a JSON body, a stream event, or a stored summary) could not be
/// turned into a ``ResponseSummary``.
///
/// Values quoted from a response are cut to ``excerptLength`` characters when the error is made,
/// so that no error carries — or logs — a whole upstream body.
public enum ResponseDecodingError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The text is not JSON. `offset` is the byte where parsing stopped.
    case invalidJSON(reason: String, offset: Int)
    /// A field the summary needs is absent or `null`. The field is a dotted path.
    case missingField(String)
    /// A field has the wrong type or a value that makes no sense (negative token counts, a
    /// delta for a block that was never started, …).
    case unexpectedValue(field: String, value: String)
    /// The response is valid but holds something the summary cannot represent, such as
    /// several choices (`n > 1`) or an Anthropic `thinking` block. The native bytes can still be
    /// replayed as they are; they just cannot be rendered into another form.
    case unsupported(String)
    /// The provider reported an error: an OpenAI `error` object, or an Anthropic `error` event or
    /// body. Such a response must never be cached.
    case providerError(provider: Provider, type: String?, code: String?, message: String)
    /// An event arrived after the end of the stream (`[DONE]` or `message_stop`).
    case eventAfterEnd(String)
    /// A summary was asked of a stream that has not finished.
    case incompleteStream(String)
    /// Stored summary bytes do not decode.
    case invalidStoredSummary(String)

    public static let excerptLength = 120

    /// `text` cut to ``excerptLength`` characters, marking the cut.
    static func excerpt(_ text: String) -> String {
        guard text.count > excerptLength else { return text }
        return String(text.prefix(excerptLength)) + "…"
    }

    public var description: String {
        switch self {
        case let .invalidJSON(reason, offset):
            "invalid JSON at byte \(offset): \(reason)"
        case let .missingField(field):
            "missing field \(field)"
        case let .unexpectedValue(field, value):
            "unexpected value for \(field): \(value)"
        case let .unsupported(what):
            "cannot summarize: \(what)"
        case let .providerError(provider, type, code, message):
            "\(provider.rawValue) error" + (type.map { " \($0)" } ?? "") + (code.map { " (\($0))" } ?? "") + ": \(message)"
        case let .eventAfterEnd(type):
            "stream event \(type) after the end of the stream"
        case let .incompleteStream(reason):
            "stream is incomplete: \(reason)"
        case let .invalidStoredSummary(reason):
            "stored summary does not decode: \(reason)"
        }
    }
}

extension ResponseDecodingError {
    /// From an OpenAI error object: `{"message", "type", "param", "code"}`.
    static func openAI(_ error: JSONValue) -> ResponseDecodingError {
        .providerError(
            provider: .openai,
            type: error.field("type")?.stringValue,
            code: error.field("code").map { $0.stringValue ?? $0.minifiedTextAsWritten },
            message: excerpt(error.field("message")?.stringValue ?? error.minifiedTextAsWritten)
        )
    }

    /// From the `error` member of an Anthropic error: `{"type", "message"}`.
    static func anthropic(_ error: JSONValue) -> ResponseDecodingError {
        .providerError(
            provider: .anthropic,
            type: error.field("type")?.stringValue,
            code: nil,
            message: excerpt(error.field("message")?.stringValue ?? error.minifiedTextAsWritten)
        )
    }
}
