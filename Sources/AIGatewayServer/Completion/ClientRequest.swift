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

    init(api: WireAPI, body: [UInt8], headers: HTTPFields) throws(ServerError) {
        let json: JSONValue
        do {
            json = try JSONParser.parse(body)
        } catch {
            throw .malformedJSON(error)
        }
        guard json.objectMembers != nil else {
            throw .invalidBody("the request body must be a JSON object, found \(json.typeName)")
        }
        guard let model = json["model"]?.stringValue, !model.isEmpty else {
            throw .invalidBody("the request body needs a 'model' string")
        }
        let stream = json["stream"]
        guard stream == nil || stream?.isNull == true || stream?.boolValue != nil else {
            throw .invalidBody("'stream' must be true or false")
        }
        self.api = api
        self.body = body
        self.model = model
        self.stream = stream?.boolValue ?? false
        forwardedHeaders = api.forwardedHeaders.compactMap { name in
            guard let field = HTTPField.Name(name) else { return nil }
            let values = headers[values: field]
            guard !values.isEmpty else { return nil }
            return (name: name, value: values.joined(separator: ","))
        }
    }

    /// The call for the gateway: this body, to `provider`, attributed and cached as given.
    func call(requestId: String, provider: Provider, attribution: Attribution, cache: CachePolicy) -> CompletionCall {
        CompletionCall(
            requestId: requestId,
            attribution: attribution,
            upstream: UpstreamRequest(provider: provider, path: api.path, body: body, headers: forwardedHeaders,
                                      requestId: requestId, stream: stream),
            model: model,
            cache: cache
        )
    }
}
