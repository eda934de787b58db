import AIGateway

/// What the fake provider answers to one request. Queue replies with
/// ``FakeProviderServer/enqueue(_:for:)``; when the queues are empty it answers ``default``.
public enum FakeReply: Sendable {
    /// The deterministic answer derived from the request (see ``FakeProviderServer``): JSON, or
    /// SSE when the body has `"stream": true`.
    case `default`
    /// Any status and body.
    case json(status: Int = 200, body: [UInt8], headers: [(name: String, value: String)] = [])
    /// A 200 `text/event-stream` of exactly these bytes, written in chunks as `chunking` says.
    case sse([UInt8], chunking: Chunking = .whole)
    /// A provider-shaped error body with this status, type and message.
    case error(status: Int, type: String, message: String)
    /// 429 with `Retry-After: <seconds>` and the provider's rate-limit error body.
    case rateLimited(retryAfterSeconds: Int)
    /// 429 with `retry-after-ms: <ms>`, as OpenAI sends it.
    case retryAfterMs(Int)
    /// A provider-shaped server error (OpenAI `server_error`, Anthropic `api_error`).
    case serverError(status: Int = 500)
    /// 200 with `application/json` and a body that is not JSON.
    case malformedJSON
    /// The default answer as a stream, cut off after `afterBytes` bytes by closing the
    /// connection inside the chunked body.
    case resetMidStream(afterBytes: Int)
    /// Waits before sending the response head, then the default answer.
    case slowFirstByte(delay: Duration)
    /// Sends the head at once, then the default answer's body with `delay` before each chunk
    /// (each SSE event is its own chunk): a slow stream, for cancellation and deadline tests.
    case delay(Duration)
    /// The default answer as a stream, with the end of its chunked body held back for `Duration`
    /// after the last event: the end-of-stream event has arrived but the response has not ended.
    case lateEndAfterLastEvent(Duration)
    /// Sends the request's own key back where ``CredentialEcho`` says: what a hostile or
    /// careless upstream does.
    case echoCredentials(CredentialEcho)

    /// How SSE bytes are cut into separately flushed body chunks.
    public enum Chunking: Sendable, Hashable {
        case whole
        /// Cuts at pseudo-random positions (1…64 bytes apart), the same for the same seed.
        case randomSplit(seed: UInt64)
        case everyBytes(Int)

        public func split(_ bytes: [UInt8]) -> [ArraySlice<UInt8>] {
            switch self {
            case .whole:
                return bytes.isEmpty ? [] : [bytes[...]]
            case .everyBytes(let size):
                let size = max(1, size)
                return stride(from: 0, to: bytes.count, by: size).map { bytes[$0..<min($0 + size, bytes.count)] }
            case .randomSplit(let seed):
                var generator = SplitMix64(seed: seed)
                var chunks: [ArraySlice<UInt8>] = []
                var start = 0
                while start < bytes.count {
                    let length = Int(generator.next() % 64) + 1
                    let end = min(start + length, bytes.count)
                    chunks.append(bytes[start..<end])
                    start = end
                }
                return chunks
            }
        }
    }
}

/// The routes the fake provider serves.
public enum FakeRoute: String, Sendable, Hashable, CaseIterable {
    case openAIChat = "/v1/chat/completions"
    case anthropicMessages = "/v1/messages"

    public var provider: Provider {
        switch self {
        case .openAIChat: .openai
        case .anthropicMessages: .anthropic
        }
    }
}
