import AIGateway
import HTTPTypes
import Hummingbird
import NIOCore

/// `POST /v1/chat/completions` and `POST /v1/messages`: the client's body goes upstream as
/// sent (to the provider that serves its model), through the cache; the answer comes back in
/// the same format, JSON or SSE. Every failure is answered in the API's own error shape.
struct CompletionRoute: Sendable {
    let api: WireAPI
    let gateway: AIGateway
    let keys: GatewayKeys?
    let maxRequestBytes: Int

    func respond(to request: Request) async -> Response {
        let requestId = RequestID.make()
        var request = request
        do {
            let call = try await call(for: &request, requestId: requestId)
            if call.upstream.stream {
                let stream = try await gateway.completeStream(call)
                return StreamResponse(api: api, stream: stream, request: request).response()
            }
            let outcome = try await gateway.complete(call)
            return Self.jsonResponse(outcome)
        } catch {
            return APIError(error).response(for: api, requestId: requestId)
        }
    }

    /// The call for `request`, whose body is read (collected) on the way.
    private func call(for request: inout Request, requestId: String) async throws -> CompletionCall {
        let attribution = try ClientIdentity.attribution(headers: request.headers, keys: keys)
        let cache = try CachePolicy(headers: request.headers)
        let buffer: ByteBuffer
        do {
            buffer = try await request.collectBody(upTo: maxRequestBytes)
        } catch is NIOTooManyBytesError {
            throw ServerError.bodyTooLarge(limitBytes: maxRequestBytes)
        }
        let client = try ClientRequest(api: api, body: Array(buffer.readableBytesView), headers: request.headers)
        let provider = try gateway.provider(for: client.model)
        guard provider == api.provider else {
            throw ServerError.wrongFormat(model: client.model, provider: provider, api: api)
        }
        return client.call(requestId: requestId, provider: provider, attribution: attribution, cache: cache)
    }

    /// On a miss or bypass the provider's bytes as received; on a hit the stored bytes when they
    /// are the provider's JSON, else the answer rendered from its summary in the same format.
    static func jsonResponse(_ outcome: CompletionOutcome) -> Response {
        let body: [UInt8]
        if outcome.responseFormat == .json {
            body = outcome.responseBody
        } else {
            body = switch outcome.provider {
            case .openai: outcome.summary.openAIChatCompletionBody()
            case .anthropic: outcome.summary.anthropicMessageBody()
            }
        }
        var headers = GatewayHeaders.outcome(requestId: outcome.requestId, cache: outcome.cacheStatus, key: outcome.key,
                                             cost: outcome.cost, saved: outcome.saved)
        headers[.contentType] = "application/json"
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
    }
}
