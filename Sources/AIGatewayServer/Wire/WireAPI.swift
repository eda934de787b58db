import AIGateway
import HTTPTypes

/// The provider APIs the server speaks to clients, each in its own wire format: requests are
/// forwarded in the same format, and errors are answered in that API's own shape.
public enum WireAPI: String, Sendable, CaseIterable {
    /// OpenAI Chat Completions, `POST /v1/chat/completions`.
    case openAIChat
    /// Anthropic Messages, `POST /v1/messages`.
    case anthropicMessages

    public var path: String { provider.chatEndpoint }

    /// The provider whose format this is.
    public var provider: Provider {
        switch self {
        case .openAIChat: .openai
        case .anthropicMessages: .anthropic
        }
    }

    /// Request headers that change the provider's behaviour and so travel upstream (and into
    /// the key). Credentials never do: the gateway adds its own.
    var forwardedHeaders: [HTTPField.Name] {
        switch self {
        case .openAIChat: Self.openAIForwarded
        case .anthropicMessages: Self.anthropicForwarded
        }
    }

    // Made once: every request reads them.
    private static let openAIForwarded = Provider.openai.keyedHeaderNames.map { HTTPField.Name($0)! }
    private static let anthropicForwarded = Provider.anthropic.keyedHeaderNames.map { HTTPField.Name($0)! }
}
