import AIGatewayCore

/// An OpenAI chat-completions request rewritten as an Anthropic Messages request, so that one
/// OpenAI client reaches Claude models. The answer goes back through
/// ``ResponseSummary/openAIChatCompletionBody()`` or ``AnthropicToOpenAIStream``.
public struct OpenAIToAnthropicRequest: Sendable {
    /// The Anthropic Messages body.
    public var body: [UInt8]
    public var model: String
    public var stream: Bool
    /// `stream_options.include_usage`: the OpenAI client wants a final usage chunk.
    public var includeUsage: Bool

    /// Translates `body`. Anthropic requires `max_tokens`; when the client sent neither
    /// `max_completion_tokens` nor `max_tokens`, `defaultMaxTokens` is sent.
    public init(openAIChatBody body: [UInt8], defaultMaxTokens: Int) throws(GatewayError) {
        let json: JSONValue
        do {
            json = try JSONParser.parse(body)
        } catch {
            throw GenerateTextRequest.invalid("the request body is not valid JSON: \(error)")
        }
        let fields = OpenAIChatFields(members: json.objectMembers ?? [])
        let request = try GenerateTextRequest(openAIChatBody: json, tenantId: "")
        stream = try fields.bool("stream") ?? false
        includeUsage = fields.value("stream_options")?["include_usage"]?.boolValue ?? false
        model = request.model
        do {
            self.body = try AnthropicMessagesBody.make(request, stream: stream, defaultMaxTokens: defaultMaxTokens)
        } catch let error as GatewayError {
            throw error
        } catch {
            throw GenerateTextRequest.invalid("the request cannot be translated: \(error)")
        }
    }
}
