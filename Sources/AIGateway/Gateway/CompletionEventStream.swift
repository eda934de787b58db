import AIGatewayCore
import Synchronization

/// A streamed answer in the upstream provider's SSE format: replayed from the cache, or
/// forwarded from the provider as it arrives. ``outcome`` is set once the stream has ended
/// cleanly (then a miss has been stored).
public struct CompletionEventStream: AsyncSequence, Sendable {
    public typealias Element = ServerSentEvent

    public let requestId: String
    public let provider: Provider
    public let cacheStatus: CacheStatus
    public let key: CacheKey?
    let source: Source
    let finished: FinishedOutcome
    /// For a replayed OpenAI stream, whether it ends with a usage chunk (see
    /// ``PreparedCall/streamUsage``); nil: as stored.
    let usageChunk: Bool?
    /// Why the cache was bypassed, when that was known before the answer began.
    public let bypassReason: String?

    init(requestId: String, provider: Provider, cacheStatus: CacheStatus, key: CacheKey?, source: Source,
         finished: FinishedOutcome, usageChunk: Bool? = nil, bypassReason: String? = nil) {
        self.bypassReason = bypassReason
        self.requestId = requestId
        self.provider = provider
        self.cacheStatus = cacheStatus
        self.key = key
        self.source = source
        self.finished = finished
        self.usageChunk = usageChunk
    }

    enum Source: Sendable {
        /// A stored or shared answer: its events are parsed (or rendered) only when read, and
        /// its bytes (``replayedBytes``) need no parsing at all.
        case replay(CompletionOutcome)
        case live(LiveUpstreamStream)
    }

    /// The complete outcome, once the stream has been read to its end; nil before.
    public var outcome: CompletionOutcome? { finished.value }

    /// Every event of a stream answered from the cache or a fixture, all known from the start;
    /// nil for a stream still coming from the provider.
    public var replayedEvents: [ServerSentEvent]? {
        if case .replay(let outcome) = source { AIGateway.events(of: outcome, usageChunk: usageChunk) } else { nil }
    }

    /// The whole body of a stream answered from the cache or a fixture, as the provider's SSE:
    /// the bytes ``replayedEvents`` would write, taken as kept where possible. Nil for a stream
    /// still coming from the provider.
    public var replayedBytes: [UInt8]? {
        if case .replay(let outcome) = source { AIGateway.streamBytes(of: outcome, usageChunk: usageChunk) } else { nil }
    }

    public struct AsyncIterator: AsyncIteratorProtocol {
        var replayed: [ServerSentEvent]
        var live: LiveUpstreamStream?
        var index = 0

        public mutating func next() async throws -> ServerSentEvent? {
            if let live { return try await live.next() }
            guard index < replayed.count else { return nil }
            defer { index += 1 }
            return replayed[index]
        }
    }

    public func makeAsyncIterator() -> AsyncIterator {
        switch source {
        case .replay(let outcome): AsyncIterator(replayed: AIGateway.events(of: outcome, usageChunk: usageChunk))
        case .live(let live): AsyncIterator(replayed: [], live: live)
        }
    }
}

/// Where a stream's final outcome is left for whoever holds the stream.
final class FinishedOutcome: Sendable {
    private let outcome = Mutex<CompletionOutcome?>(nil)

    init(_ value: CompletionOutcome? = nil) {
        outcome.withLock { $0 = value }
    }

    var value: CompletionOutcome? { outcome.withLock { $0 } }

    func set(_ value: CompletionOutcome) {
        outcome.withLock { $0 = value }
    }
}

/// Either provider's stream accumulator, chosen by the provider.
enum StreamAccumulator {
    case openai(OpenAIStreamAccumulator)
    case anthropic(AnthropicStreamAccumulator)

    init(_ provider: Provider) {
        switch provider {
        case .openai: self = .openai(OpenAIStreamAccumulator())
        case .anthropic: self = .anthropic(AnthropicStreamAccumulator())
        }
    }

    mutating func add(_ event: ServerSentEvent) throws {
        switch self {
        case .openai(var accumulator):
            try accumulator.add(event)
            self = .openai(accumulator)
        case .anthropic(var accumulator):
            try accumulator.add(event)
            self = .anthropic(accumulator)
        }
    }

    /// What the summary leaves out of the stream so far (see the accumulators' `gap`).
    var gap: String? {
        switch self {
        case .openai(let accumulator): accumulator.gap
        case .anthropic(let accumulator): accumulator.gap
        }
    }

    /// The last event taken was OpenAI's usage chunk.
    var lastEventWasUsageChunk: Bool {
        if case .openai(let accumulator) = self { accumulator.lastEventWasUsageChunk } else { false }
    }

    var isComplete: Bool {
        switch self {
        case .openai(let accumulator): accumulator.isComplete
        case .anthropic(let accumulator): accumulator.isComplete
        }
    }

    func summary() throws -> ResponseSummary {
        switch self {
        case .openai(let accumulator): try accumulator.summary()
        case .anthropic(let accumulator): try accumulator.summary()
        }
    }
}
