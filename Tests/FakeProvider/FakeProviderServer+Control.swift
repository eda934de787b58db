import AIGateway
import Hummingbird
import NIOCore
import Synchronization

/// The control API of a fake started with `control: true`, for clients in other processes
/// (the Python SDK tests, the load benchmark):
///
/// - `POST /_fake/replies` `{"route": "/v1/messages", "replies": [{"kind": "error", "status": 401,
///   "type": "authentication_error", "message": "…"}]}` queues replies (`route` optional).
///   Kinds: `default`, `error` (status, type, message), `rate_limited` (retry_after_seconds),
///   `server_error` (status), `slow` (delay_ms before the default answer), `echo_credentials`
///   (place: `error`, `stream_error`, `header`, `answer`; see ``CredentialEcho``).
/// - `DELETE /_fake/replies` drops every queued reply.
/// - `GET /_fake/stats` → `{"requests": N, "openai": N, "anthropic": N}`.
extension FakeProviderServer {
    static func controlRoutes(_ router: Router<BasicRequestContext>, state: FakeProviderState) {
        router.post("/_fake/replies") { request, _ in
            var request = request
            let body = try await request.collectBody(upTo: 1 << 20)
            let json = try JSONParser.parse(Array(body.readableBytesView))
            let route = json["route"]?.stringValue.flatMap(FakeRoute.init(rawValue:))
            let replies = try (json["replies"]?.arrayValue ?? []).map(Self.reply)
            state.enqueue(replies, for: route)
            return Response(status: .noContent)
        }
        router.delete("/_fake/replies") { _, _ in
            state.contents.withLock { contents in
                contents.globalReplies = []
                contents.routeReplies = [:]
            }
            return Response(status: .noContent)
        }
        router.get("/_fake/stats") { _, _ in
            let (total, byRoute) = state.contents.withLock { contents in
                (contents.requestCount, FakeRoute.allCases.map { route in contents.requests.count { $0.path == route.rawValue } })
            }
            let json = #"{"requests":\#(total),"openai":\#(byRoute[0]),"anthropic":\#(byRoute[1])}"#
            return Response(status: .ok, headers: [.contentType: "application/json"], body: ResponseBody(byteBuffer: ByteBuffer(string: json)))
        }
    }

    private static func reply(_ json: JSONValue) throws -> FakeReply {
        let status = json["status"]?.numberValue?.int64Value.map { Int($0) }
        switch json["kind"]?.stringValue {
        case "default":
            return .default
        case "error":
            return .error(status: status ?? 400, type: json["type"]?.stringValue ?? "invalid_request_error",
                          message: json["message"]?.stringValue ?? "scripted error")
        case "rate_limited":
            return .rateLimited(retryAfterSeconds: Int(json["retry_after_seconds"]?.numberValue?.int64Value ?? 0))
        case "server_error":
            return .serverError(status: status ?? 500)
        case "echo_credentials":
            guard let place = json["place"]?.stringValue.flatMap(CredentialEcho.init(rawValue:)) else {
                throw HTTPError(.badRequest, message: "echo_credentials needs a place: error, stream_error, header or answer")
            }
            return .echoCredentials(place)
        case "slow":
            return .slowFirstByte(delay: .milliseconds(json["delay_ms"]?.numberValue?.int64Value ?? 1_000))
        case let kind:
            throw HTTPError(.badRequest, message: "unknown reply kind \(kind ?? "none")")
        }
    }
}
