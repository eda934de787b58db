import AIGateway
import HTTPTypes
import Hummingbird
import NIOCore

/// The one place that decides how a failure becomes an HTTP status and a body in the client's
/// API shape: OpenAI `{"error":{"message","type","code"}}`, Anthropic
/// `{"type":"error","error":{"type","message"}}`, both with the gateway's `request_id`.
struct APIError: Sendable {
    var status: Int
    var message: String
    var openAIType: String
    var anthropicType: String
    var code: String?
    var retryAfterSeconds: Int?
    /// The `Allow` header of a 405.
    var allowedMethods: [String]?

    init(_ error: any Error) {
        switch error {
        case let error as ServerError: self.init(error)
        case let error as GatewayError: self.init(error)
        default:
            self.init(status: 500, message: "internal error", code: "internal_error")
        }
    }

    /// Every string is redacted here, the last step before a client sees it: the type, code and
    /// message of an upstream error are the provider's own, and an upstream may echo a key in
    /// any of them.
    init(status: Int, message: String, openAIType: String? = nil, anthropicType: String? = nil, code: String? = nil) {
        self.status = status
        self.message = SecretRedaction.redact(message)
        self.openAIType = openAIType.map(SecretRedaction.redact) ?? Self.openAIType(for: status)
        self.anthropicType = anthropicType.map(SecretRedaction.redact) ?? Self.anthropicType(for: status)
        self.code = code.map(SecretRedaction.redact)
    }

    private init(_ error: ServerError) {
        switch error {
        case .bodyTooLarge(let limit):
            self.init(status: 413, message: "request body larger than \(limit) bytes", code: "request_too_large")
        case .clientClosedRequest:
            // nginx's status for it: the client does not see it, the request log does.
            self.init(status: 499, message: "the client closed the connection before sending its whole body", code: "client_closed_request")
        case .malformedJSON(let parseError):
            self.init(status: 400, message: "the request body is not valid JSON: \(parseError.description)", code: "invalid_json")
        case .invalidBody(let message):
            self.init(status: 400, message: message)
        case .wrongFormat(let model, let provider, let api):
            let route = provider == .openai ? WireAPI.openAIChat.path : WireAPI.anthropicMessages.path
            self.init(status: 400, message: "model '\(model)' is served by \(provider.rawValue); send it to \(route) (this gateway does not translate \(api.path) requests yet)", code: "model_not_supported")
        case .unauthorized:
            self.init(status: 401, message: "unknown or missing gateway key: send it as 'Authorization: Bearer <key>' or 'x-api-key: <key>'", code: "invalid_api_key")
        case .invalidHeader(let message):
            self.init(status: 400, message: message, code: "invalid_header")
        case .invalidQuery(let message):
            self.init(status: 400, message: message, code: "invalid_query")
        case .forbidden(let message):
            self.init(status: 403, message: message, code: "forbidden")
        case .unknownRoute(let method, let path, let allowed) where allowed.isEmpty:
            // OpenAI's own answer to an unknown URL is an `invalid_request_error`; Anthropic's a `not_found_error`.
            self.init(status: 404, message: "unknown URL: \(method) \(path)", openAIType: "invalid_request_error",
                      anthropicType: "not_found_error", code: "unknown_url")
        case .unknownRoute(let method, let path, let allowed):
            self.init(status: 405, message: "\(method) is not allowed on \(path); allowed: \(allowed.joined(separator: ", "))",
                      openAIType: "invalid_request_error", anthropicType: "invalid_request_error", code: "method_not_allowed")
            allowedMethods = allowed
        case .foreignOrigin(let message):
            self.init(status: 403, message: message, code: "forbidden_origin")
        case .unsupportedMediaType(let message):
            self.init(status: 415, message: message, code: "unsupported_media_type")
        }
    }

    /// The status is the gateway's own (`GatewayError.httpStatus`, which the request log
    /// records too); this adds the message and code each API's clients see.
    private init(_ error: GatewayError) {
        let status = error.httpStatus
        switch error.kind {
        case .upstreamStatus:
            // The provider's own status, error type and code, so SDKs raise their usual exceptions
            // and apps can branch on the code (`insufficient_quota`) as they would upstream.
            self.init(status: status, message: error.message, openAIType: error.providerErrorType,
                      anthropicType: error.providerErrorType, code: error.providerErrorCode)
        case .unreachable:
            self.init(status: status, message: "the provider could not be reached: \(error.message)", code: "upstream_unreachable")
        case .timeout:
            self.init(status: status, message: "the provider did not answer in time: \(error.message)", code: "upstream_timeout")
        case .streamInterrupted, .invalidResponse:
            self.init(status: status, message: error.message, code: "upstream_invalid_response")
        case .invalidRequest:
            self.init(status: status, message: error.message)
        case .unknownModel:
            self.init(status: status, message: error.message, code: "model_not_found")
        case .missingCredentials:
            self.init(status: status, message: error.message, code: "gateway_misconfigured")
        case .fixtureNotFound:
            // 404 (see `httpStatus`): not retried by the SDKs, so a test fails at once with the message.
            self.init(status: status, message: error.message, code: "fixture_not_found")
        case .fixtureFailed:
            self.init(status: status, message: error.message, code: "fixture_failed")
        }
        retryAfterSeconds = error.retryAfter.map { Int(($0 + .milliseconds(999)).components.seconds) }
    }

    /// The error body in `api`'s shape.
    func body(for api: WireAPI, requestId: String) -> [UInt8] {
        let requestIdMember = JSONMember("request_id", .string(JSONString(requestId)))
        switch api {
        case .openAIChat:
            let error: JSONValue = .object([
                JSONMember("message", .string(JSONString(message))),
                JSONMember("type", .string(JSONString(openAIType))),
                JSONMember("param", .null),
                JSONMember("code", code.map { JSONValue.string(JSONString($0)) } ?? .null),
            ])
            return JSONWriter.minified(.object([JSONMember("error", error), requestIdMember]))
        case .anthropicMessages:
            let error: JSONValue = .object([
                JSONMember("type", .string(JSONString(anthropicType))),
                JSONMember("message", .string(JSONString(message))),
            ])
            return JSONWriter.minified(.object([JSONMember("type", "error"), JSONMember("error", error), requestIdMember]))
        }
    }

    /// The error as a complete JSON response.
    func response(for api: WireAPI, requestId: String) -> Response {
        var headers: HTTPFields = [.contentType: "application/json"]
        headers[GatewayHeaders.requestId] = requestId
        if let retryAfterSeconds { headers[.retryAfter] = String(retryAfterSeconds) }
        if let allowedMethods { headers[.allow] = allowedMethods.joined(separator: ", ") }
        return Response(status: HTTPResponse.Status(code: status), headers: headers,
                        body: ResponseBody(byteBuffer: ByteBuffer(bytes: body(for: api, requestId: requestId))))
    }

    /// The error as the last SSE event of a stream whose head has already gone out.
    func streamEvent(for api: WireAPI, requestId: String) -> ServerSentEvent {
        let data = String(decoding: body(for: api, requestId: requestId), as: UTF8.self)
        switch api {
        case .openAIChat: return ServerSentEvent(data: data)
        case .anthropicMessages: return ServerSentEvent(event: "error", data: data)
        }
    }

    private static func openAIType(for status: Int) -> String {
        switch status {
        case 401: "authentication_error"
        case 403: "permission_error"
        case 404: "not_found_error"
        case 429: "rate_limit_error"
        case 400..<500: "invalid_request_error"
        default: "server_error"
        }
    }

    private static func anthropicType(for status: Int) -> String {
        switch status {
        case 401: "authentication_error"
        case 403: "permission_error"
        case 404: "not_found_error"
        case 413: "request_too_large"
        case 429: "rate_limit_error"
        case 529: "overloaded_error"
        case 400..<500: "invalid_request_error"
        default: "api_error"
        }
    }
}
