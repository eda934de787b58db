import AIGateway

/// What the server itself rejects before any provider call.
enum ServerError: Error, Sendable {
    /// The body is larger than the server's limit.
    case bodyTooLarge(limitBytes: Int)
    /// The client went away before its body was read in full.
    case clientClosedRequest
    /// The body is not JSON; the parse error names the byte offset.
    case malformedJSON(JSONParseError)
    /// The body is JSON but not a request this route can forward.
    case invalidBody(String)
    /// A model served by the other API's provider: translating formats is not supported yet.
    case wrongFormat(model: String, provider: Provider, api: WireAPI)
    /// No gateway key, or one the config does not know.
    case unauthorized
    /// A request header the server cannot honour (an unreadable `Cache-Control: max-age`).
    case invalidHeader(String)
    /// A query parameter the route cannot use (`?since=yesterday`).
    case invalidQuery(String)
    /// A known key asking for what it may not see (a tenant key asking for another tenant).
    case forbidden(String)
    /// No route serves the path (`allowed` empty: 404), or not with this method (405, `allowed`
    /// lists the methods that are).
    case unknownRoute(method: String, path: String, allowed: [String])
    /// Local mode: a request a web page could have sent (a foreign `Host` or `Origin`).
    case foreignOrigin(String)
    /// Local mode: a POST whose body is not declared as JSON.
    case unsupportedMediaType(String)
}
