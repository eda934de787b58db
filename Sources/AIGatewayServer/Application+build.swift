import AIGateway
import HTTPTypes
import Hummingbird
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
    let router = Router()
    for api in WireAPI.allCases {
        let route = CompletionRoute(api: api, gateway: gateway, keys: configuration.keys,
                                    maxRequestBytes: configuration.maxRequestBytes)
        router.post(RouterPath(api.path)) { request, _ in
            let response = await route.respond(to: request)
            metrics.recordResponse(route: api.path, status: response.status.code)
            return response
        }
    }
    router.get("/metrics") { _, _ in
        Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                 body: ResponseBody(byteBuffer: ByteBuffer(bytes: metrics.exposition())))
    }
    let models = ModelsRoute(gateway: gateway)
    router.get("/v1/models") { request, _ in models.respond(to: request) }
    router.get("/healthz") { _, _ in
        Response(status: .ok, headers: [.contentType: "application/json"],
                 body: ResponseBody(byteBuffer: ByteBuffer(string: #"{"status":"ok"}"#)))
    }
    return Application(
        router: router,
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "aigw"),
        services: [GatewayService(gateway: gateway)],
        logger: configuration.logger
    )
}
