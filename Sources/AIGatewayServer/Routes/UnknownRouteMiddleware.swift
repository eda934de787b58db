import AIGateway
import HTTPTypes
import Hummingbird

/// Answers what no route serves in the caller's API error shape, naming the method and path:
/// 404 for an unknown path, 405 with `Allow` for a known path asked with another method.
/// Hummingbird's own answer to both is an empty 404, which the SDKs show as a `NotFoundError`
/// with no message.
struct UnknownRouteMiddleware<Context: RequestContext>: RouterMiddleware {
    /// Every route the router serves, as `(method, path)`; a `{name}` segment matches any segment.
    let routes: [(method: HTTPRequest.Method, path: String)]

    func handle(_ request: Request, context: Context,
                next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound && context.endpointPath == "NotFound" {
            // Hummingbird's not-found responder, reached for an unknown path or method.
            let path = request.uri.path
            let allowed = allowedMethods(for: path)
            let shown = path.count > 200 ? String(path.prefix(200)) + "…" : path
            return APIError(ServerError.unknownRoute(method: request.method.rawValue, path: shown, allowed: allowed))
                .response(for: WireAPI.caller(path: path, headers: request.headers), requestId: RequestID.make())
        }
    }

    /// The methods some route serves `path` with, in the order they were listed.
    func allowedMethods(for path: String) -> [String] {
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        var methods: [String] = []
        for route in routes where Self.matches(segments, route.path) && !methods.contains(route.method.rawValue) {
            methods.append(route.method.rawValue)
        }
        return methods
    }

    private static func matches(_ segments: [Substring], _ pattern: String) -> Bool {
        let patternSegments = pattern.split(separator: "/", omittingEmptySubsequences: false)
        guard patternSegments.count == segments.count else { return false }
        return zip(patternSegments, segments).allSatisfy { pattern, segment in
            (pattern.hasPrefix("{") && pattern.hasSuffix("}") && !segment.isEmpty) || pattern == segment
        }
    }
}
