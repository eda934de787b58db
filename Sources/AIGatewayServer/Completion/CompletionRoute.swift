import AIGateway
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import NIOHTTP1

/// `POST /v1/chat/completions` and `POST /v1/messages`: the client's body goes upstream as
/// sent (to the provider that serves its model), through the cache; the answer comes back in
/// the same format, JSON or SSE. An OpenAI-format request for a Claude model is the exception:
/// it is translated to Anthropic's format (and keyed as that Anthropic request), and the
/// answer translated back. Every failure is answered in the client API's own error shape.
struct CompletionRoute: Sendable {
    let api: WireAPI
    let gateway: AIGateway
    let keys: GatewayKeys?
    let maxRequestBytes: Int
    /// Calls the event loop made for misses it passed on (``answerOrHandOff(head:body:)``).
    let handoffs: CallHandoffs

    init(api: WireAPI, gateway: AIGateway, keys: GatewayKeys?, maxRequestBytes: Int, handoffs: CallHandoffs = CallHandoffs()) {
        self.api = api
        self.gateway = gateway
        self.keys = keys
        self.maxRequestBytes = maxRequestBytes
        self.handoffs = handoffs
    }

    func respond(to request: Request) async -> Response {
        let started = ContinuousClock.now
        let requestId = RequestID.make()
        var request = request
        var named = NamedTarget()
        let call: CompletionCall
        let translation: AnthropicToOpenAIStream?
        do {
            (call, translation) = try await self.call(for: &request, requestId: requestId, naming: &named)
        } catch {
            return refused(error, request: request, requestId: requestId, named: named, latency: ContinuousClock.now - started)
        }
        // From here the gateway records the outcome itself, failures included.
        do {
            if call.upstream.stream {
                let stream = try await gateway.completeStream(call)
                return StreamResponse(api: api, stream: stream, request: request, translation: translation).response()
            }
            let outcome = try await gateway.complete(call)
            return Self.jsonResponse(outcome, clientAPI: api)
        } catch {
            return APIError(error).response(for: api, requestId: call.requestId)
        }
    }

    /// What a request had named before it was refused: the model once its body was read, the
    /// provider once the model was routed. Empty for a request refused earlier.
    private struct NamedTarget {
        var model: String?
        var provider: Provider?
    }

    /// The answer to a request refused before it became a call, recorded in the request log with
    /// whoever presented a valid key (nobody, for a 401), and the model and provider it named, so
    /// the log shows which models clients ask for that the gateway refuses.
    private func refused(_ error: any Error, request: Request, requestId: String, named: NamedTarget,
                         latency: Duration) -> Response {
        let apiError = APIError(error)
        gateway.recordRefusal(requestId: requestId,
                              attribution: try? ClientIdentity.attribution(headers: request.headers, keys: keys),
                              provider: named.provider, model: named.model, status: apiError.status,
                              reason: apiError.message, latency: latency)
        return apiError.response(for: api, requestId: requestId)
    }

    /// The call for `request`, whose body is read (collected) on the way, and for a translated
    /// streaming request the translator of its answer. `named` learns the model and provider as
    /// soon as they are known, for the record of a refusal.
    private func call(for request: inout Request, requestId: String,
                      naming named: inout NamedTarget) async throws -> (CompletionCall, AnthropicToOpenAIStream?) {
        let attribution = try ClientIdentity.attribution(headers: request.headers, keys: keys)
        let cache = try CachePolicy(headers: request.headers)
        if Self.declaredLength(request.headers).map({ $0 > maxRequestBytes }) == true {
            // Refused from the head: Hummingbird then reads the body it was sent and drops it.
            throw ServerError.bodyTooLarge(limitBytes: maxRequestBytes)
        }
        let buffer: ByteBuffer
        do {
            buffer = try await request.collectBody(upTo: maxRequestBytes)
        } catch is NIOTooManyBytesError {
            throw ServerError.bodyTooLarge(limitBytes: maxRequestBytes)
        } catch HTTPParserError.invalidEOFState {
            // The HTTP decoder's word for a connection closed in the middle of the body.
            throw ServerError.clientClosedRequest
        }
        if let token = request.headers[CallHandoffs.header], let handed = handoffs.take(token, body: buffer) {
            named.model = handed.call.model
            named.provider = handed.call.upstream.provider
            return (handed.call, handed.translation)
        }
        return try call(body: buffer, headers: request.headers, requestId: requestId, attribution: attribution,
                        cache: cache, naming: &named)
    }

    /// Whether a request's head carries a valid gateway key (or needs none, in local mode). The
    /// event-loop handler asks this before holding a body, so an unauthenticated one goes
    /// straight to ``respond(to:)``, which refuses it unread.
    func admitsFromHead(_ head: HTTPRequest) -> Bool {
        (try? ClientIdentity.attribution(headers: head.headerFields, keys: keys)) != nil
    }

    private static func declaredLength(_ headers: HTTPFields) -> Int? {
        headers[.contentLength].flatMap { Int($0) }
    }

    /// The call for a body already read, routed by its model and translated when an OpenAI
    /// client names a Claude model. Both paths, the router's and the event loop's, make it here.
    private func call(body: ByteBuffer, headers: HTTPFields, requestId: String, attribution: Attribution,
                      cache: CachePolicy, naming named: inout NamedTarget) throws -> (CompletionCall, AnthropicToOpenAIStream?) {
        var client = try ClientRequest(api: api, body: Array(body.readableBytesView), headers: headers)
        named.model = client.model
        let provider = try gateway.provider(for: client.model)
        named.provider = provider
        var translation: AnthropicToOpenAIStream?
        if provider != api.provider {
            guard api == .openAIChat, provider == .anthropic else {
                throw ServerError.wrongFormat(model: client.model, provider: provider, api: api)
            }
            let translated = try OpenAIToAnthropicRequest(openAIChatBody: client.body,
                                                          defaultMaxTokens: gateway.configuration.defaultMaxTokens)
            client = try ClientRequest(api: .anthropicMessages, body: translated.body, headers: headers)
            if translated.stream { translation = AnthropicToOpenAIStream(includeUsage: translated.includeUsage, created: Self.now) }
        }
        return (client.call(requestId: requestId, provider: provider, attribution: attribution, cache: cache), translation)
    }

    /// The answer to a request (read in full: `head` and `body`) that the store can serve as it
    /// stands, without waiting on anything: the headers and body of a hit, JSON or a whole
    /// stream, translated or not, recorded. Nil for every other request, which then takes
    /// ``respond(to:)``'s path from the start, where its errors, misses and live streams are
    /// answered (and recorded) as usual.
    func answerFromStore(head: HTTPRequest, body: ByteBuffer) -> (fields: HTTPFields, body: ByteBuffer)? {
        guard case .answer(let fields, let body) = answerOrHandOff(head: head, body: body) else { return nil }
        return (fields, body)
    }

    /// ``answerFromStore(head:body:)``, and for a request it passes on whose call it could make
    /// (a miss, say), that call filed in ``handoffs``, so that ``respond(to:)`` need not make it
    /// again.
    func answerOrHandOff(head: HTTPRequest, body: ByteBuffer) -> StoreHitHandler.Decision {
        let started = ContinuousClock.now
        let requestId = RequestID.make()
        var named = NamedTarget()
        guard let attribution = try? ClientIdentity.attribution(headers: head.headerFields, keys: keys),
              let cache = try? CachePolicy(headers: head.headerFields),
              let (call, translation) = try? call(body: body, headers: head.headerFields, requestId: requestId,
                                                  attribution: attribution, cache: cache, naming: &named)
        else { return .passOn(handoff: nil) }
        let answer = if call.upstream.stream {
            gateway.completeStreamFromStore(call, started: started)
                .flatMap { StreamResponse.replayAnswer($0, api: api, translation: translation) }
        } else {
            gateway.completeFromStore(call, started: started).map { Self.jsonAnswer($0, clientAPI: api) }
        }
        guard let answer else { return .passOn(handoff: handoffs.file(call, translation: translation, body: body)) }
        return .answer(fields: answer.fields, body: answer.body)
    }

    static var now: Int { Int(Date().timeIntervalSince1970) }

    /// On a miss or bypass the provider's bytes as received; on a hit the stored bytes when they
    /// are the provider's JSON, else the answer rendered from its summary in the client's format
    /// (always so for a translated request).
    static func jsonResponse(_ outcome: CompletionOutcome, clientAPI: WireAPI) -> Response {
        let answer = jsonAnswer(outcome, clientAPI: clientAPI)
        return Response(status: .ok, headers: answer.fields, body: ResponseBody(byteBuffer: answer.body))
    }

    /// ``jsonResponse(_:clientAPI:)``'s headers and body.
    static func jsonAnswer(_ outcome: CompletionOutcome, clientAPI: WireAPI) -> (fields: HTTPFields, body: ByteBuffer) {
        let body: [UInt8]
        if outcome.responseFormat == .json, outcome.provider == clientAPI.provider {
            body = outcome.responseBody
        } else {
            var summary = outcome.summary
            summary.created = summary.created ?? now
            body = switch clientAPI {
            case .openAIChat: summary.openAIChatCompletionBody()
            case .anthropicMessages: summary.anthropicMessageBody()
            }
        }
        // The length is set here, so `Response` does not look for it and add it.
        let headers = GatewayHeaders.outcome(requestId: outcome.requestId, cache: outcome.cacheStatus, key: outcome.key,
                                             cost: outcome.cost, saved: outcome.saved, reason: outcome.bypassReason,
                                             extra: [HTTPField(name: .contentType, value: "application/json"),
                                                     HTTPField(name: .contentLength, value: String(body.count))])
        return (headers, ByteBuffer(bytes: body))
    }
}
