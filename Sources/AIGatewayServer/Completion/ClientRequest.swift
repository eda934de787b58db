import AIGateway
import HTTPTypes

/// A client's completion request, read: the body exactly as sent, and the fields the gateway
/// routes on. The body goes upstream unchanged, in the same format.
struct ClientRequest: Sendable {
    var api: WireAPI
    var body: [UInt8]
    var model: String
    var stream: Bool
    /// Behaviour headers to forward (see ``WireAPI/forwardedHeaders``), never credentials.
    var forwardedHeaders: [(name: String, value: String)]

    /// The canonical form, made once here to read the model and the stream flag; the gateway
    /// keys the call with it. Nil for a body that cannot be cached (ambiguous).
    var canonical: CanonicalRequest?

    init(api: WireAPI, body: [UInt8], headers: HTTPFields) throws(ServerError) {
        self.api = api
        self.body = body
        forwardedHeaders = api.forwardedHeaders.compactMap { name in
            let values = headers[values: name]
            guard !values.isEmpty else { return nil }
            return (name: name.canonicalName, value: values.joined(separator: ","))
        }
        do {
            let canonical = try Canonicalizer.canonicalize(body: body, provider: api.provider, headers: forwardedHeaders)
            self.canonical = canonical
            model = canonical.model
            stream = canonical.wantsStream
        } catch {
            switch error {
            case .invalidJSON(let parseError):
                throw .malformedJSON(parseError)
            case .invalidRequest(let message):
                throw .invalidBody(message)
            case .notCacheable:
                // Forwarded without caching (duplicate keys, lone surrogates): read what
                // routing needs from a parse that tolerates the ambiguity.
                (model, stream) = try Self.routingFields(body)
            }
        }
    }

    private static func routingFields(_ body: [UInt8]) throws(ServerError) -> (model: String, stream: Bool) {
        let json: JSONValue
        do {
            json = try JSONParser.parseReportingAmbiguity(body).value
        } catch {
            throw .malformedJSON(error)
        }
        guard let model = json["model"]?.stringValue, !model.isEmpty else {
            throw .invalidBody("the request body needs a 'model' string")
        }
        return (model, json["stream"]?.boolValue ?? false)
    }

    /// The call for the gateway: this body, to `provider`, attributed and cached as given.
    func call(requestId: String, provider: Provider, attribution: Attribution, cache: CachePolicy) -> CompletionCall {
        CompletionCall(
            requestId: requestId,
            attribution: attribution,
            upstream: UpstreamRequest(provider: provider, path: api.path, body: body, headers: forwardedHeaders,
                                      requestId: requestId, stream: stream),
            model: model,
            cache: cache,
            canonical: canonical
        )
    }
}
