import AIGateway
import HTTPTypes
import NIOCore
import Synchronization

/// The calls the event loop built for requests the store could not answer, handed to the
/// router's path so that a miss is not read, canonicalized and routed a second time.
///
/// `StoreHitHandler` files a call under a random token and passes its request on with the token
/// in ``header``; ``CompletionRoute`` takes it back by that token, once, and only for the very
/// body it was made from. The handler removes a client's own ``header`` from every request, so
/// no request can name a call it did not make. A call nobody takes (its connection closed
/// first) is dropped after ``lifetime``.
final class CallHandoffs: Sendable {
    static let header = HTTPField.Name("x-aigw-handoff")!
    static let lifetime: Duration = .seconds(60)
    /// Below this many calls waiting, none is checked for its age: the usual number is the
    /// requests in flight between the event loop and the router, a handful.
    private static let sweepAbove = 256

    struct Handoff: Sendable {
        var call: CompletionCall
        var translation: AnthropicToOpenAIStream?
        var body: ByteBuffer
        var filed: ContinuousClock.Instant
    }

    private let waiting = Mutex<[String: Handoff]>([:])

    /// Files `call`, made from `body`, and returns its token.
    func file(_ call: CompletionCall, translation: AnthropicToOpenAIStream?, body: ByteBuffer) -> String {
        var random = SystemRandomNumberGenerator()
        let token = String(random.next(), radix: 16) + String(random.next(), radix: 16)
        let now = ContinuousClock.now
        waiting.withLock { waiting in
            if waiting.count > Self.sweepAbove { waiting = waiting.filter { now - $0.value.filed < Self.lifetime } }
            waiting[token] = Handoff(call: call, translation: translation, body: body, filed: now)
        }
        return token
    }

    /// The call filed under `token`, taken, when it was made from exactly `body`.
    func take(_ token: String, body: ByteBuffer) -> (call: CompletionCall, translation: AnthropicToOpenAIStream?)? {
        guard let handoff = waiting.withLock({ $0.removeValue(forKey: token) }), handoff.body == body else { return nil }
        return (handoff.call, handoff.translation)
    }
}
