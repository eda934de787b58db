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

    /// One choice so far; with `n > 1` each chunk's choices carry their own `index`.
    private struct PartialChoice: Sendable {
        var text = ""
        var refusal: String?
        var toolCalls: [Int: PartialToolCall] = [:]
        var finishReason: String?
    }

    private var id: String?
    private var model: String?
    private var created: Int?
    private var systemFingerprint: String?
    private var choices: [Int: PartialChoice] = [:]
    private var usage: ResponseSummary.Usage?
    /// The last event taken was the usage chunk (empty `choices`, a `usage` object), which a
    /// client that did not ask for `stream_options.include_usage` must not be sent.
    public private(set) var lastEventWasUsageChunk = false
    /// What the summary leaves out of this stream (a non-function tool call), if anything: such
    /// an answer is passed on as it came but never stored, since a hit would lose it.
    public private(set) var gap: String?
    /// `data: [DONE]` has been seen.
    public private(set) var isComplete = false

    public init() {}

    /// Takes the next event. Throws ``ResponseDecodingError/providerError(provider:type:code:message:)``
    /// when the stream carries an `error` object, which OpenAI sends in place of a chunk when a
    /// request fails mid-stream.
    public mutating func add(_ event: ServerSentEvent) throws(ResponseDecodingError) {
        guard !isComplete else { throw .eventAfterEnd(ResponseDecodingError.excerpt(event.data)) }
        lastEventWasUsageChunk = false
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

        let chunkChoices = try chunk.optionalArray("choices", at: "chunk")
        for choice in chunkChoices {
            try add(choice: choice)
        }
        if let usage = chunk.field("usage") {
            self.usage = try .openAI(usage, at: "chunk.usage")
            lastEventWasUsageChunk = chunkChoices.isEmpty
        }
    }

    private mutating func add(choice: JSONValue) throws(ResponseDecodingError) {
        let index = try choice.count("index", at: "chunk.choices[]")
        let path = "chunk.choices[\(index)]"
        var partial = choices[index] ?? PartialChoice()
        defer { choices[index] = partial }
        if let reason = try choice.optionalString("finish_reason", at: path) {
            partial.finishReason = reason
        }
        guard let delta = choice.field("delta") else { return }
        let deltaPath = "\(path).delta"
        if let content = try delta.optionalString("content", at: deltaPath) { partial.text += content }
        if let part = try delta.optionalString("refusal", at: deltaPath) { partial.refusal = (partial.refusal ?? "") + part }
        for call in try delta.optionalArray("tool_calls", at: deltaPath) {
            let callPath = "\(deltaPath).tool_calls[]"
            let callIndex = try call.count("index", at: callPath)
            if let type = try call.optionalString("type", at: callPath), type != "function" {
                gap = gap ?? "tool call of type \(ResponseDecodingError.excerpt(type))"
            }
            var partialCall = partial.toolCalls[callIndex] ?? PartialToolCall()
            partialCall.id += try call.optionalString("id", at: callPath) ?? ""
            if let function = call.field("function") {
                partialCall.name += try function.optionalString("name", at: "\(callPath).function") ?? ""
                partialCall.arguments += try function.optionalString("arguments", at: "\(callPath).function") ?? ""
            }
            partial.toolCalls[callIndex] = partialCall
        }
    }

    /// The summary of the whole stream. Throws
    /// ``ResponseDecodingError/incompleteStream(_:)`` before `[DONE]`: a cut-off stream must
    /// not be cached.
    public func summary() throws(ResponseDecodingError) -> ResponseSummary {
        guard isComplete else { throw .incompleteStream("no data: [DONE]") }
        guard let id, !id.isEmpty else { throw .missingField("chunk.id") }
        guard let model else { throw .missingField("chunk.model") }
        guard !choices.isEmpty, choices.keys.sorted() == Array(0..<choices.count) else {
            throw .unsupported("choices numbered \(choices.keys.sorted()) rather than from 0 without a gap")
        }
        var complete: [ResponseChoice] = []
        for index in 0..<choices.count {
            let partial = choices[index]!
            guard let finishReason = partial.finishReason else { throw .missingField("chunk.choices[\(index)].finish_reason") }
            complete.append(ResponseChoice(
                text: partial.text,
                refusal: partial.refusal,
                toolCalls: partial.toolCalls.sorted { $0.key < $1.key }.map {
                    ToolCall(id: $0.value.id, name: $0.value.name, arguments: $0.value.arguments)
                },
                providerFinishReason: finishReason
            ))
        }
        let first = complete[0]
        return ResponseSummary(
            provider: .openai,
            id: id,
            model: model,
            created: created,
            text: first.text,
            refusal: first.refusal,
            toolCalls: first.toolCalls,
            providerFinishReason: first.providerFinishReason,
            usage: usage,
            systemFingerprint: systemFingerprint,
            additionalChoices: Array(complete.dropFirst())
        )
    }
}
