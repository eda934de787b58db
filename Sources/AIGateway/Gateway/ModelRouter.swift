import AIGatewayCore

/// Decides which provider serves a model, by name prefix.
///
/// The defaults follow the providers' naming: `gpt-*`, `o1*`, `o3*`, `o4*`, `chatgpt-*` and
/// fine-tuned models (`ft:gpt-4o-mini-2024-07-18:acme::abc123`) are OpenAI's, `claude-*`
/// Anthropic's. Configured rules are tried first, longest prefix winning, so a deployment can
/// send a model name of its own (or an exception) anywhere. ``defaultRules`` is the one list of
/// these prefixes: the CLI's format guess (``Provider/infer(value:)``) reads it too.
public struct ModelRouter: Sendable, Hashable {
    public struct Rule: Sendable, Hashable {
        public var prefix: String
        public var provider: Provider

        public init(prefix: String, provider: Provider) {
            self.prefix = prefix
            self.provider = provider
        }
    }

    public static let defaultRules: [Rule] = [
        Rule(prefix: "gpt-", provider: .openai),
        Rule(prefix: "o1", provider: .openai),
        Rule(prefix: "o3", provider: .openai),
        Rule(prefix: "o4", provider: .openai),
        Rule(prefix: "chatgpt-", provider: .openai),
        // OpenAI names every fine-tuned model `ft:<base model>:<org>:<suffix>:<id>`.
        Rule(prefix: "ft:", provider: .openai),
        Rule(prefix: "claude-", provider: .anthropic),
    ]

    public var rules: [Rule]

    public init(additionalRules: [Rule] = []) {
        rules = additionalRules + Self.defaultRules
    }

    /// The provider for a model; nil when no rule matches.
    public func provider(for model: String) -> Provider? {
        rules
            .filter { model.hasPrefix($0.prefix) }
            .max { $0.prefix.count < $1.prefix.count }?
            .provider
    }
}
