import HTTPTypes

extension WireAPI {
    /// The API whose error shape a request that reached no completion route is answered in:
    /// Anthropic's for `/v1/messages…` or when the client sends `anthropic-version` (every
    /// Anthropic SDK does), OpenAI's otherwise. The SDKs only show a message they can parse.
    static func caller(path: String, headers: HTTPFields) -> WireAPI {
        if path == WireAPI.anthropicMessages.path || path.hasPrefix(WireAPI.anthropicMessages.path + "/")
            || headers[anthropicVersion] != nil {
            return .anthropicMessages
        }
        return .openAIChat
    }

    static let anthropicVersion = HTTPField.Name("anthropic-version")!
}
