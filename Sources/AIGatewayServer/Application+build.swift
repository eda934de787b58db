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
    var storeHitRoutes: [String: StoreHitHandler.Route] = [:]
    for api in WireAPI.allCases {
        let route = CompletionRoute(api: api, gateway: gateway, keys: configuration.keys,
                                    maxRequestBytes: configuration.maxRequestBytes)
        router.post(RouterPath(api.path)) { request, _ in
            let response = await route.respond(to: request)
            metrics.recordResponse(route: api.path, status: response.status.code)
            return response
        }
        storeHitRoutes[api.path] = StoreHitHandler.Route { head, body in
            guard let answer = route.answerFromStore(head: head, body: body) else { return nil }
            metrics.recordResponse(route: api.path, status: 200)
            return answer
        }
    }
    router.get("/metrics") { _, _ in
        Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                 body: ResponseBody(byteBuffer: ByteBuffer(bytes: metrics.exposition())))
    }
    let models = ModelsRoute(gateway: gateway)
    router.get("/v1/models") { request, _ in models.respond(to: request) }
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
