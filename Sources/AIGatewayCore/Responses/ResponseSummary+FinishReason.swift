extension ResponseSummary {
    /// Why generation stopped, normalized across providers.
    public enum FinishReason: Sendable, Hashable {
        /// A natural end or a stop sequence: OpenAI `stop`; Anthropic `end_turn`, `stop_sequence`.
        case stop
        /// A token limit: OpenAI `length`; Anthropic `max_tokens`, `model_context_window_exceeded`.
        case length
        /// OpenAI `tool_calls`; Anthropic `tool_use`.
        case toolCalls
        /// OpenAI `content_filter`; Anthropic `refusal`.
        case contentFilter
        /// Anything else, as the provider spelled it (OpenAI `function_call`, Anthropic
        /// `pause_turn`, values added later).
        case other(String)

        public init(provider: Provider, providerValue value: String) {
            switch (provider, value) {
            case (.openai, "stop"), (.anthropic, "end_turn"), (.anthropic, "stop_sequence"):
                self = .stop
            case (.openai, "length"), (.anthropic, "max_tokens"), (.anthropic, "model_context_window_exceeded"):
                self = .length
            case (.openai, "tool_calls"), (.anthropic, "tool_use"):
                self = .toolCalls
            case (.openai, "content_filter"), (.anthropic, "refusal"):
                self = .contentFilter
            default:
                self = .other(value)
            }
        }

        /// The value to send in `provider`'s format. A reason with no counterpart there
        /// (``other(_:)``) becomes the plain end of turn, because clients of either API reject
        /// values outside its documented set.
        public func providerValue(for provider: Provider) -> String {
            switch (self, provider) {
            case (.stop, .openai), (.other, .openai): "stop"
            case (.stop, .anthropic), (.other, .anthropic): "end_turn"
            case (.length, .openai): "length"
            case (.length, .anthropic): "max_tokens"
            case (.toolCalls, .openai): "tool_calls"
            case (.toolCalls, .anthropic): "tool_use"
            case (.contentFilter, .openai): "content_filter"
            case (.contentFilter, .anthropic): "refusal"
            }
        }
    }
}
