import AIGateway
import Hummingbird

/// ``LocalModeGuard`` in front of every route of the router, unknown paths included; the
/// event-loop hit handler asks the same guard before it holds a request.
struct LocalModeMiddleware<Context: RequestContext>: RouterMiddleware {
    let localGuard: LocalModeGuard

    func handle(_ request: Request, context: Context,
                next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let refusal = localGuard.refusal(for: request.head) else { return try await next(request, context) }
        return APIError(refusal).response(for: WireAPI.caller(path: request.uri.path, headers: request.headers),
                                          requestId: RequestID.make())
    }
}
