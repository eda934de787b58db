import AIGateway
import ServiceLifecycle

/// Runs the gateway in the application's service group: the usage ledger commits in the
/// background until graceful shutdown, then the ledger, store and HTTP client are closed.
/// The server is shut down first (it comes later in the group), so requests in flight finish
/// before the store closes.
struct GatewayService: Service {
    let gateway: AIGateway

    func run() async throws {
        do {
            try await gateway.run()
        } catch {
            await gateway.shutdown()
            throw error
        }
        await gateway.shutdown()
    }
}
