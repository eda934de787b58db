/// Builds a ``ResponseSummary`` from an OpenAI chat completion stream, one event at a time, as
/// the gateway forwards the stream to its client.
///
/// Feed every ``ServerSentEvent`` in order. Chunks carry a role delta, then `content`,
/// `refusal` or `tool_calls` deltas (a tool call's id and name in its first delta, argument
/// fragments after it, all keyed by `index`), a chunk with `finish_reason`, with
/// `stream_options.include_usage` a last chunk with empty `choices` and the `usage`, and finally
/// `data: [DONE]`. String fragments are concatenated as the official SDKs do, so a name or id
/// split over deltas still comes out whole.
public struct OpenAIStreamAccumulator: Sendable {
    private struct PartialToolCall: Sendable {
        var id = ""
        var name = ""
        var arguments = ""
    }

    private var id: String?
    private var model: String?
    private var created: Int?
    private var systemFingerprint: String?
    private var text = ""
    private var refusal: String?
    private var toolCalls: [Int: PartialToolCall] = [:]
    private var finishReason: String?
    private var usage: ResponseSummary.Usage?
    /// `data: [DONE]` has been seen.
    public private(set) var isComplete = false

    public init() {}

    /// Takes the next event. Throws ``ResponseDecodingError/providerError(provider:type:code:message:)``
    /// when the stream carries an `error` object, which OpenAI sends in place of a chunk when a
    /// request fails mid-stream.
    public mutating func add(_ event: ServerSentEvent) throws(ResponseDecodingError) {
        guard !isComplete else { throw .eventAfterEnd(ResponseDecodingError.excerpt(event.data)) }
        if event.data == "[DONE]" {
            isComplete = true
            return
        }
        let chunk = try JSONValue.parsingResponse(event.data)
        guard chunk.isObject else { throw JSONValue.mismatch(chunk, "chunk") }
        if let error = chunk.field("error") { throw ResponseDecodingError.openAI(error) }

        // Some compatible servers open with an empty id; the first non-empty one counts.
        if id?.isEmpty ?? true { id = try chunk.optionalString("id", at: "chunk") }
        if model?.isEmpty ?? true { model = try chunk.optionalString("model", at: "chunk") }
        if created == nil { created = try chunk.optionalCount("created", at: "chunk") }
        if systemFingerprint == nil { systemFingerprint = try chunk.optionalString("system_fingerprint", at: "chunk") }

        for choice in try chunk.optionalArray("choices", at: "chunk") {
            try add(choice: choice)
        }
        if let usage = chunk.field("usage") {
            self.usage = try .openAI(usage, at: "chunk.usage")
        }
    }

    private mutating func add(choice: JSONValue) throws(ResponseDecodingError) {
        guard try choice.count("index", at: "chunk.choices[]") == 0 else {
            throw .unsupported("a choice with index other than 0")
        }
        if let reason = try choice.optionalString("finish_reason", at: "chunk.choices[0]") {
            finishReason = reason
        }
        guard let delta = choice.field("delta") else { return }
        let path = "chunk.choices[0].delta"
        if let content = try delta.optionalString("content", at: path) { text += content }
        if let part = try delta.optionalString("refusal", at: path) { refusal = (refusal ?? "") + part }
        for call in try delta.optionalArray("tool_calls", at: path) {
            let callPath = "\(path).tool_calls[]"
            let index = try call.count("index", at: callPath)
            if let type = try call.optionalString("type", at: callPath), type != "function" {
                throw .unsupported("tool call of type \(ResponseDecodingError.excerpt(type))")
            }
            var partial = toolCalls[index] ?? PartialToolCall()
            partial.id += try call.optionalString("id", at: callPath) ?? ""
            if let function = call.field("function") {
                partial.name += try function.optionalString("name", at: "\(callPath).function") ?? ""
                partial.arguments += try function.optionalString("arguments", at: "\(callPath).function") ?? ""
            }
            toolCalls[index] = partial
        }
    }

    /// The summary of the whole stream. Throws
    /// ``ResponseDecodingError/incompleteStream(_:)`` before `[DONE]`: a cut-off stream must
    /// not be cached.
    public func summary() throws(ResponseDecodingError) -> ResponseSummary {
        guard isComplete else { throw .incompleteStream("no data: [DONE]") }
        guard let id, !id.isEmpty else { throw .missingField("chunk.id") }
        guard let model else { throw .missingField("chunk.model") }
        guard let finishReason else { throw .missingField("chunk.choices[0].finish_reason") }
        return ResponseSummary(
            provider: .openai,
            id: id,
            model: model,
            created: created,
            text: text,
            refusal: refusal,
            toolCalls: toolCalls.sorted { $0.key < $1.key }.map {
                ToolCall(id: $0.value.id, name: $0.value.name, arguments: $0.value.arguments)
            },
            providerFinishReason: finishReason,
            usage: usage,
            systemFingerprint: systemFingerprint
        )
    }
}
