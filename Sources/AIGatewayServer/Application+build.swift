import AIGateway
import HTTPTypes
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore

/// Builds the server: the gateway (run as a service, so the ledger flushes on shutdown) and
/// the routes. `aigw serve` runs what this returns; tests call it too.
public func buildApplication(_ configuration: ServerConfiguration) throws -> some ApplicationProtocol {
    let metrics = GatewayMetrics()
    var gatewayConfiguration = configuration.gateway
    let observer = gatewayConfiguration.requestObserver
    gatewayConfiguration.requestObserver = { record in
        metrics.record(record)
        observer?(record)
    }
    let gateway = try AIGateway(configuration: gatewayConfiguration)
    metrics.labelFailedModels(knownTo: gateway.priceTable)
    let router = Router()
    // Middleware applies only to routes added after it, and to Hummingbird's not-found answer.
    let localGuard = configuration.keys == nil ? LocalModeGuard(configuredHost: configuration.host) : nil
    if let localGuard { router.add(middleware: LocalModeMiddleware(localGuard: localGuard)) }
    router.add(middleware: UnknownRouteMiddleware(routes: WireAPI.allCases.map { (.post, $0.path) } + [
        (.get, "/metrics"), (.get, ModelsRoute.listPath), (.get, ModelsRoute.retrievePath),
        (.get, ReportRoutes.usagePath), (.get, ReportRoutes.logsPath), (.get, "/healthz"),
    ]))
    var storeHitRoutes: [String: StoreHitHandler.Route] = [:]
    for api in WireAPI.allCases {
        let route = CompletionRoute(api: api, gateway: gateway, keys: configuration.keys,
                                    maxRequestBytes: configuration.maxRequestBytes)
        router.post(RouterPath(api.path)) { request, _ in
            let response = await route.respond(to: request)
            metrics.recordResponse(route: api.path, status: response.status.code)
            return response
        }
        // A request the router would refuse from its head alone is passed on at once, unread, so
        // an unauthenticated or oversized body is never held, and a refused one never hits.
        storeHitRoutes[api.path] = StoreHitHandler.Route(
            admits: { head in localGuard?.refusal(for: head) == nil && route.admitsFromHead(head) },
            decide: { head, body in
                let decision = route.answerOrHandOff(head: head, body: body)
                if case .answer = decision { metrics.recordResponse(route: api.path, status: 200) }
                return decision
            })
    }
    router.get("/metrics") { _, _ in
        Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                 body: ResponseBody(byteBuffer: ByteBuffer(bytes: metrics.exposition())))
    }
    let models = ModelsRoute(gateway: gateway)
    router.get(RouterPath(ModelsRoute.listPath)) { request, _ in models.list(request) }
    router.get(RouterPath(ModelsRoute.retrievePath)) { request, context in
        models.retrieve(request, id: context.parameters.get("id") ?? "")
    }
    let reports = ReportRoutes(gateway: gateway, keys: configuration.keys)
    router.get(RouterPath(ReportRoutes.usagePath)) { request, _ in await reports.usage(request) }
    router.get(RouterPath(ReportRoutes.logsPath)) { request, _ in await reports.logs(request) }
    router.get("/healthz") { _, _ in
        Response(status: .ok, headers: [.contentType: "application/json"],
                 body: ResponseBody(byteBuffer: ByteBuffer(string: #"{"status":"ok"}"#)))
    }
    let serverName = "aigw"
    let hitRoutes = storeHitRoutes
    let idleTimeout = configuration.idleTimeout.map { TimeAmount($0) }
    let servesHits = configuration.servesHitsOnEventLoop
    let maxBodyBytes = configuration.maxRequestBytes
    // Made for each connection, in this order: the idle handler must see every request and
    // answer, those `StoreHitHandler` answers included.
    let server: HTTPServerBuilder = .http1(configuration: .init(additionalChannelHandlers: {
        var handlers: [any RemovableChannelHandler] = []
        if let idleTimeout { handlers.append(IdleConnectionHandler(timeout: idleTimeout)) }
        if servesHits { handlers.append(StoreHitHandler(routes: hitRoutes, maxBodyBytes: maxBodyBytes, serverName: serverName)) }
        return handlers
    }()))
    return Application(
        router: router,
        server: server,
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: serverName),
        services: [GatewayService(gateway: gateway)],
        logger: configuration.logger
    )
}
