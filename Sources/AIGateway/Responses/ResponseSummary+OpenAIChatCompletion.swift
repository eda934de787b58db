extension ResponseSummary {
    /// Summarizes an OpenAI `chat.completion` body.
    ///
    /// Throws ``ResponseDecodingError/providerError(provider:type:code:message:)`` for an error
    /// body, and ``ResponseDecodingError/unsupported(_:)`` for several choices or a non-function
    /// tool call, which the summary cannot hold.
    public init(openAIChatCompletion body: [UInt8]) throws(ResponseDecodingError) {
        let root = try JSONValue.parsingResponse(body)
        guard root.isObject else { throw JSONValue.mismatch(root, "response") }
        if let error = root.field("error") { throw ResponseDecodingError.openAI(error) }

        let choices = try root.array("choices", at: "")
        guard choices.count == 1 else { throw .unsupported("\(choices.count) choices; only n = 1 is summarized") }
        let choice = choices[0]
        guard try choice.count("index", at: "choices[0]") == 0 else {
            throw .unsupported("a choice with index other than 0")
        }
        let message = try choice.object("message", at: "choices[0]")
        var toolCalls: [ToolCall] = []
        for (position, call) in try message.optionalArray("tool_calls", at: "choices[0].message").enumerated() {
            toolCalls.append(try Self.openAIToolCall(call, at: "choices[0].message.tool_calls[\(position)]"))
        }

        self.init(
            provider: .openai,
            id: try root.string("id", at: ""),
            model: try root.string("model", at: ""),
            created: try root.count("created", at: ""),
            text: try message.optionalString("content", at: "choices[0].message") ?? "",
            refusal: try message.optionalString("refusal", at: "choices[0].message"),
            toolCalls: toolCalls,
            providerFinishReason: try choice.string("finish_reason", at: "choices[0]"),
            usage: try root.field("usage").map { json throws(ResponseDecodingError) in try Usage.openAI(json, at: "usage") },
            systemFingerprint: try root.optionalString("system_fingerprint", at: "")
        )
    }

    private static func openAIToolCall(_ call: JSONValue, at path: String) throws(ResponseDecodingError) -> ToolCall {
        let type = try call.optionalString("type", at: path) ?? "function"
        guard type == "function" else { throw .unsupported("tool call of type \(ResponseDecodingError.excerpt(type))") }
        let function = try call.object("function", at: path)
        return ToolCall(
            id: try call.string("id", at: path),
            name: try function.string("name", at: "\(path).function"),
            arguments: try function.string("arguments", at: "\(path).function")
        )
    }
}
