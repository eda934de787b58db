import AIGatewayCore

/// The message and type in a provider's error body.
///
/// OpenAI writes `{"error": {"message", "type", "code"}}`, Anthropic
/// `{"type": "error", "error": {"type", "message"}}`; proxies and OpenAI-compatible servers
/// sometimes write `{"error": "text"}` or plain text. Whatever arrives, the result is short: an
/// error never carries a whole upstream body.
struct ProviderErrorBody: Sendable, Equatable {
    var message: String
    var type: String?
    /// OpenAI's `error.code` (`insufficient_quota`, `rate_limit_exceeded`, …), which SDKs expose
    /// and apps branch on; Anthropic has none.
    var code: String?

    static let snippetLength = 200

    init(message: String, type: String?, code: String? = nil) {
        self.message = message
        self.type = type
        self.code = code
    }

    init(parsing bytes: [UInt8], status: Int) {
        if let value = try? JSONParser.parse(bytes), let error = value["error"] {
            if let text = error.stringValue {
                self.init(message: text, type: nil)
                return
            }
            if let message = error["message"]?.stringValue {
                let code = error["code"]?.stringValue
                self.init(message: message, type: error["type"]?.stringValue ?? code, code: code)
                return
            }
        }
        let snippet = Self.snippet(bytes)
        self.init(message: snippet.isEmpty ? "HTTP \(status) with an empty body" : snippet, type: nil)
    }

    /// The start of a body as one line of text.
    static func snippet(_ bytes: [UInt8]) -> String {
        let text = String(decoding: bytes.prefix(snippetLength), as: UTF8.self)
        let oneLine = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        return bytes.count > snippetLength ? oneLine + "…" : oneLine
    }
}
