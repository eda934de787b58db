/// A provider's answer reduced to what is needed to render it again in any wire format: the
/// text, the tool calls, why generation stopped, and the token usage.
///
/// A cache entry keeps the provider's native bytes next to this summary. A hit in the same form
/// (JSON for JSON, stream for stream) replays the native bytes; a hit in another form renders the
/// summary, so everything a renderer writes must be here. Fields that only decorate a response
/// (logprobs, `service_tier`, annotations) are left to the native bytes.
///
/// Build one from a body with ``init(openAIChatCompletion:)`` or ``init(anthropicMessage:)``, or
/// from a stream with ``OpenAIStreamAccumulator`` or ``AnthropicStreamAccumulator``; the stream and
/// the body of the same exchange give equal summaries.
public struct ResponseSummary: Sendable, Equatable {
    /// The provider whose response this was; it decides how ``providerFinishReason`` reads.
    public var provider: Provider
    /// `chatcmpl-…` or `msg_…`.
    public var id: String
    /// The model the provider reports, usually a dated snapshot.
    public var model: String
    /// Unix seconds, as OpenAI reports it. Anthropic responses carry no timestamp, so theirs is
    /// nil and the cache sets it (for example to the time the entry was stored) before rendering
    /// OpenAI shape; a renderer given nil writes 0.
    public var created: Int?
    /// All text content in order; empty when there is none. Anthropic text blocks are joined
    /// without a separator, as a client concatenating the blocks would see them.
    public var text: String
    /// OpenAI's `message.refusal`, when the model declined.
    public var refusal: String?
    public var toolCalls: [ToolCall]
    /// The stop reason exactly as the provider sent it (`stop`, `tool_calls`, `end_turn`, …).
    /// See ``finishReason`` for the normalized form.
    public var providerFinishReason: String
    /// Nil when the provider did not report usage — an OpenAI stream requested without
    /// `stream_options.include_usage`.
    public var usage: Usage?
    /// OpenAI's `system_fingerprint`.
    public var systemFingerprint: String?
    /// Anthropic's `stop_sequence`: the custom stop sequence that ended generation.
    public var stopSequence: String?
    /// OpenAI's choices after the first (indexes 1, 2, …) when the request asked for `n > 1`;
    /// empty otherwise. The fields above hold choice 0, which is all a single answer has.
    public var additionalChoices: [ResponseChoice]

    public init(
        provider: Provider,
        id: String,
        model: String,
        created: Int? = nil,
        text: String = "",
        refusal: String? = nil,
        toolCalls: [ToolCall] = [],
        providerFinishReason: String,
        usage: Usage? = nil,
        systemFingerprint: String? = nil,
        stopSequence: String? = nil,
        additionalChoices: [ResponseChoice] = []
    ) {
        self.provider = provider
        self.id = id
        self.model = model
        self.created = created
        self.text = text
        self.refusal = refusal
        self.toolCalls = toolCalls
        self.providerFinishReason = providerFinishReason
        self.usage = usage
        self.systemFingerprint = systemFingerprint
        self.stopSequence = stopSequence
        self.additionalChoices = additionalChoices
    }

    /// Why generation stopped, in terms common to all providers. Derived from
    /// ``providerFinishReason`` rather than stored, so the two can never disagree.
    public var finishReason: FinishReason {
        FinishReason(provider: provider, providerValue: providerFinishReason)
    }

    /// The stop reason to write in `target`'s format: the original string when the summary came
    /// from that provider, otherwise the mapping of ``finishReason``.
    public func finishReasonValue(for target: Provider) -> String {
        finishReasonValue(providerFinishReason, for: target)
    }

    /// One choice's stop reason (`value`, as this summary's provider wrote it) in `target`'s format.
    func finishReasonValue(_ value: String, for target: Provider) -> String {
        target == provider ? value : FinishReason(provider: provider, providerValue: value).providerValue(for: target)
    }
}
