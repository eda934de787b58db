extension ResponseSummary {
    /// Summarizes an OpenAI `chat.completion` body, every choice of it (`n > 1` gives several).
    ///
    /// Throws ``ResponseDecodingError/providerError(provider:type:code:message:)`` for an error
    /// body, and ``ResponseDecodingError/unsupported(_:)`` for a non-function tool call, which the
    /// summary cannot hold.
    public init(openAIChatCompletion body: [UInt8]) throws(ResponseDecodingError) {
        let root = try JSONValue.parsingResponse(body)
        guard root.isObject else { throw JSONValue.mismatch(root, "response") }
        if let error = root.field("error") { throw ResponseDecodingError.openAI(error) }

        var byIndex: [Int: ResponseChoice] = [:]
        for (position, choice) in try root.array("choices", at: "").enumerated() {
            let path = "choices[\(position)]"
            let index = try choice.count("index", at: path)
            guard byIndex[index] == nil else { throw .unexpectedValue(field: "\(path).index", value: String(index)) }
            byIndex[index] = try Self.openAIChoice(choice, at: path)
        }
        // Choices are numbered 0..<n; a gap would be rendered back with other indexes.
        let choices = (0..<byIndex.count).compactMap { byIndex[$0] }
        guard let first = choices.first, choices.count == byIndex.count else {
            throw .unsupported("choices numbered \(byIndex.keys.sorted()) rather than from 0 without a gap")
        }

        self.init(
            provider: .openai,
            id: try root.string("id", at: ""),
            model: try root.string("model", at: ""),
            created: try root.count("created", at: ""),
            text: first.text,
            refusal: first.refusal,
            toolCalls: first.toolCalls,
            providerFinishReason: first.providerFinishReason,
            usage: try root.field("usage").map { json throws(ResponseDecodingError) in try Usage.openAI(json, at: "usage") },
            systemFingerprint: try root.optionalString("system_fingerprint", at: ""),
            additionalChoices: Array(choices.dropFirst())
        )
    }

    private static func openAIChoice(_ choice: JSONValue, at path: String) throws(ResponseDecodingError) -> ResponseChoice {
        let message = try choice.object("message", at: path)
        var toolCalls: [ToolCall] = []
        for (position, call) in try message.optionalArray("tool_calls", at: "\(path).message").enumerated() {
            toolCalls.append(try Self.openAIToolCall(call, at: "\(path).message.tool_calls[\(position)]"))
        }
        return ResponseChoice(
            text: try message.optionalString("content", at: "\(path).message") ?? "",
            refusal: try message.optionalString("refusal", at: "\(path).message"),
            toolCalls: toolCalls,
            providerFinishReason: try choice.string("finish_reason", at: path)
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
