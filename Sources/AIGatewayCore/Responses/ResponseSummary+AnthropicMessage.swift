extension ResponseSummary {
    /// Summarizes an Anthropic Messages response body (`"type": "message"`).
    ///
    /// Throws ``ResponseDecodingError/providerError(provider:type:code:message:)`` for an error
    /// body, and ``ResponseDecodingError/unsupported(_:)`` for content blocks other than `text`
    /// and `tool_use` (such as `thinking`), which the summary cannot hold.
    public init(anthropicMessage body: [UInt8]) throws(ResponseDecodingError) {
        let root = try JSONValue.parsingResponse(body)
        guard root.isObject else { throw JSONValue.mismatch(root, "response") }
        let type = try root.string("type", at: "")
        if type == "error" { throw ResponseDecodingError.anthropic(try root.object("error", at: "")) }
        guard type == "message" else { throw JSONValue.mismatch(.string(type), "type") }

        var text = ""
        var toolCalls: [ToolCall] = []
        for (position, block) in try root.array("content", at: "").enumerated() {
            let path = "content[\(position)]"
            switch try block.string("type", at: path) {
            case "text":
                text += try block.string("text", at: path)
            case "tool_use":
                toolCalls.append(ToolCall(
                    id: try block.string("id", at: path),
                    name: try block.string("name", at: path),
                    arguments: try Self.anthropicToolArguments(try block.object("input", at: path))
                ))
            case let other:
                throw .unsupported("content block of type \(ResponseDecodingError.excerpt(other))")
            }
        }

        self.init(
            provider: .anthropic,
            id: try root.string("id", at: ""),
            model: try root.string("model", at: ""),
            text: text,
            toolCalls: toolCalls,
            providerFinishReason: try root.string("stop_reason", at: ""),
            usage: try Usage.anthropic(try root.object("usage", at: ""), at: "usage"),
            stopSequence: try root.optionalString("stop_sequence", at: "")
        )
    }

    /// The one written form of a `tool_use` input, shared by bodies and streams so that both give
    /// the same argument text: compact, in the input's own key order, numbers as sent.
    static func anthropicToolArguments(_ input: JSONValue) throws(ResponseDecodingError) -> String {
        guard input.isObject else { throw JSONValue.mismatch(input, "tool_use.input") }
        return input.minifiedTextAsWritten
    }
}
