import AIGatewayCore
import AIGatewayStore

extension AIGateway {
    /// Generates text with the provider that serves the request's model, through the cache.
    public func generateText(_ request: GenerateTextRequest) async throws -> GenerateTextResponse {
        let call = try completionCall(for: request, stream: false)
        return GenerateTextResponse(try await complete(call))
    }

    /// Streams generated text as it arrives (or replays it from the cache). Read
    /// ``GenerateTextStream/stream`` to its end; then ``GenerateTextStream/response`` holds
    /// usage, cost and the rest.
    public func generateTextStream(_ request: GenerateTextRequest) async throws -> GenerateTextStream {
        let call = try completionCall(for: request, stream: true)
        return GenerateTextStream(events: try await completeStream(call))
    }

    /// The provider call a library request becomes: the same bytes an SDK would send, so the
    /// library and the HTTP server share cache entries.
    func completionCall(for request: GenerateTextRequest, stream: Bool) throws -> CompletionCall {
        let provider = try provider(for: request.model)
        let requestId = RequestID.make()
        let body: [UInt8]
        do {
            body = switch provider {
            case .openai: try OpenAIChatBody.make(request, stream: stream)
            case .anthropic: try AnthropicMessagesBody.make(request, stream: stream, defaultMaxTokens: configuration.defaultMaxTokens)
            }
        } catch var error as GatewayError {
            error.requestId = requestId
            error.provider = provider
            throw error
        }
        return CompletionCall(
            requestId: requestId,
            attribution: Attribution(tenant: request.tenantId, user: request.userId, agent: request.agentId),
            upstream: UpstreamRequest(provider: provider, path: provider.chatEndpoint, body: body, requestId: requestId, stream: stream),
            model: request.model,
            cache: request.cache
        )
    }
}

/// A streaming answer: text deltas in ``stream``, then the full ``response``.
public struct GenerateTextStream: Sendable {
    public var requestId: String { events.requestId }
    /// Whether this answer is replayed from the cache.
    public var cached: Bool { events.cacheStatus == .hit }
    public var cacheStatus: CacheStatus { events.cacheStatus }
    /// The text as it arrives.
    public var stream: TextDeltas { TextDeltas(events: events) }
    /// Usage, cost, finish reason and content, once ``stream`` has been read to its end.
    public var response: GenerateTextResponse? { events.outcome.map(GenerateTextResponse.init) }
    public var usage: Usage? { response?.usage }
    public var cost: USD? { response?.cost }

    let events: CompletionEventStream
}

/// The text pieces of a provider stream, in order.
public struct TextDeltas: AsyncSequence, Sendable {
    public typealias Element = String
    let events: CompletionEventStream

    public struct AsyncIterator: AsyncIteratorProtocol {
        var base: CompletionEventStream.AsyncIterator
        let provider: Provider

        public mutating func next() async throws -> String? {
            while let event = try await base.next() {
                if let text = StreamTextDelta.text(in: event, provider: provider), !text.isEmpty { return text }
            }
            return nil
        }
    }

    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(base: events.makeAsyncIterator(), provider: events.provider)
    }
}

/// Reads the text delta, if any, out of one provider stream event.
enum StreamTextDelta {
    static func text(in event: ServerSentEvent, provider: Provider) -> String? {
        switch provider {
        case .openai:
            guard event.data != "[DONE]", let value = try? JSONParser.parse(Array(event.data.utf8)) else { return nil }
            return value["choices"]?[0]?["delta"]?["content"]?.stringValue
        case .anthropic:
            guard event.type == "content_block_delta", let value = try? JSONParser.parse(Array(event.data.utf8)),
                  value["delta"]?["type"]?.stringValue == "text_delta" else { return nil }
            return value["delta"]?["text"]?.stringValue
        }
    }
}
