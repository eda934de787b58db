import AIGateway
import HTTPTypes
import Hummingbird
import NIOCore

extension FakeProviderServer {
    static let maxRequestBytes = 64 * 1024 * 1024

    static func router(state: FakeProviderState) -> Router<BasicRequestContext> {
        let router = Router()
        for route in FakeRoute.allCases {
            router.post(RouterPath(route.rawValue)) { request, _ in
                try await respond(to: request, route: route, state: state)
            }
        }
        router.get("health") { _, _ in "ok" }
        router.head("health") { _, _ in HTTPResponse.Status.ok }
        return router
    }

    private static func respond(to request: Request, route: FakeRoute, state: FakeProviderState) async throws -> Response {
        var request = request
        let buffer = try await request.collectBody(upTo: maxRequestBytes)
        let body = Array(buffer.readableBytesView)
        let headers = request.headers.map { (name: $0.name.canonicalName, value: $0.value) }
        let recorded = RecordedRequest(method: request.method.rawValue, path: request.uri.path, headers: headers, body: body)
        let (sequence, reply, latency) = state.arrive(recorded, route: route)
        defer { state.depart() }
        let answer = FakeAnswer(route: route, requestBody: body, sequence: sequence)
        return try await FakeReplyRenderer(route: route, answer: answer, sequence: sequence, state: state,
                                     credential: CredentialEcho.credential(in: headers)).response(for: reply, defaultLatency: latency)
    }
}
