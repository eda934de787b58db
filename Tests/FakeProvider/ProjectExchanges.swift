import AIGateway
import Foundation

/// The exchanges recorded in the repository's `Fixtures/` directory, which the library and
/// server tests replay. Each pairs a client request with the answer the fake provider is
/// scripted to give while recording; the answers follow the public API references (OpenAI chat
/// completions object and chunk, Anthropic messages and streaming events, both error shapes),
/// down to OpenAI's indented JSON and Anthropic's spaced event data.
///
/// To record them again: `AIGW_FIXTURES_MODE=rerecord swift test --filter ProjectFixtureTests`.
public struct ProjectExchange: Sendable {
    /// The repository's `Fixtures/` directory, where these exchanges are recorded.
    public static let fixturesDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures").path

    public var name: String
    public var route: FakeRoute
    public var body: String
    public var stream: Bool
    /// What the fake provider answers while recording.
    public var reply: FakeReply
    /// What a replay must show: the answer's text, a tool call's name, or an error status.
    public var expectedText: String?
    public var expectedTool: String?
    public var expectedStatus: Int?

    public var provider: Provider { route.provider }

    public static let all: [ProjectExchange] = [
        ProjectExchange(name: "openai-chat", route: .openAIChat, body: ProjectBodies.openAIChat, stream: false,
                        reply: .json(body: Array(ProjectAnswers.openAIChat.utf8)), expectedText: "The capital of France is Paris."),
        ProjectExchange(name: "openai-chat-stream", route: .openAIChat, body: ProjectBodies.openAIChatStream, stream: true,
                        reply: .sse(Array(ProjectAnswers.openAIChatStream.utf8), chunking: .randomSplit(seed: 5)), expectedText: "Hello there!"),
        ProjectExchange(name: "openai-tool-call", route: .openAIChat, body: ProjectBodies.openAIToolCall, stream: false,
                        reply: .json(body: Array(ProjectAnswers.openAIToolCall.utf8)), expectedTool: "get_weather"),
        ProjectExchange(name: "openai-error", route: .openAIChat, body: ProjectBodies.openAIError, stream: false,
                        reply: .error(status: 400, type: "invalid_request_error",
                                      message: "Invalid value for 'temperature': must be between 0 and 2."),
                        expectedStatus: 400),
        ProjectExchange(name: "anthropic-message", route: .anthropicMessages, body: ProjectBodies.anthropicMessage, stream: false,
                        reply: .json(body: Array(ProjectAnswers.anthropicMessage.utf8)), expectedText: "Paris is the capital of France."),
        ProjectExchange(name: "anthropic-stream", route: .anthropicMessages, body: ProjectBodies.anthropicStream, stream: true,
                        reply: .sse(Array(ProjectAnswers.anthropicStream.utf8), chunking: .randomSplit(seed: 7)), expectedText: "Hello! How can I help?"),
        ProjectExchange(name: "anthropic-tool-use-stream", route: .anthropicMessages, body: ProjectBodies.anthropicToolUse, stream: true,
                        reply: .sse(Array(ProjectAnswers.anthropicToolUseStream.utf8)), expectedTool: "get_weather"),
        ProjectExchange(name: "anthropic-error", route: .anthropicMessages, body: ProjectBodies.anthropicError, stream: false,
                        reply: .rateLimited(retryAfterSeconds: 30), expectedStatus: 429),
    ]
}
