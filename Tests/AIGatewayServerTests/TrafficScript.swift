import AIGateway
import AIGatewayServer
import FakeProvider
import HTTPTypes
import HummingbirdTesting

/// A scripted run of mixed traffic through the server: several tenants, misses and the hits that
/// repeat them, upstream failures (one not retried, one retried until it gives up) and a request
/// for a model no provider serves. Sequential, so the fake provider's log is in script order.
struct TrafficScript {
    struct Step: Sendable {
        var tenant: String
        var key: String
        var format: Format
        var text: String
        /// The fake provider is told to fail it with this status: 400 is never retried, 503
        /// is retried once and fails again.
        var failureStatus: Int?
        var fails: Bool { failureStatus != nil }
        var unknownModel = false

        var body: String { format.body(text, model: unknownModel ? "mystery-model-1" : nil) }
    }

    static let adminKey = "ops-admin-key"
    static let tenants = ["acme", "globex", "initech"]
    static func key(_ tenant: String) -> String { "tenant-\(tenant)-key" }

    static let keys = GatewayKeys(
        Dictionary(uniqueKeysWithValues: tenants.map { (key($0), GatewayKeys.Grant(tenant: $0)) }),
        adminKeys: [adminKey]
    )

    /// The marker in the text of every request the fake provider is scripted to fail.
    static let failureMarker = "scripted-failure"

    static var steps: [Step] {
        var steps: [Step] = []
        for (index, tenant) in tenants.enumerated() {
            for prompt in 0..<(2 + index) {
                let format: Format = (prompt + index) % 2 == 0 ? .openAI : .anthropic
                // Longer texts for later tenants, so token counts and costs differ per tenant.
                let text = "tenant \(tenant) asks question \(prompt)" + String(repeating: " and more", count: index * 7 + prompt)
                let step = Step(tenant: tenant, key: key(tenant), format: format, text: text)
                steps += Array(repeating: step, count: prompt == 0 ? 3 : 2)
            }
            var failing = Step(tenant: tenant, key: key(tenant), format: index % 2 == 0 ? .anthropic : .openAI,
                               text: "\(failureMarker) \(tenant)")
            failing.failureStatus = index % 2 == 0 ? 400 : 503
            steps.append(failing)
        }
        var unknown = Step(tenant: "acme", key: key("acme"), format: .openAI, text: "which model?")
        unknown.unknownModel = true
        steps.append(unknown)
        return steps
    }

    /// Sends every step; returns the `x-aigw-cache` header of each response (nil for errors).
    static func run(_ client: some TestClientProtocol, fake: FakeProviderServer) async throws -> [String?] {
        var statuses: [String?] = []
        for step in steps {
            if let status = step.failureStatus {
                let replies: [FakeReply] = status == 400
                    ? [.error(status: 400, type: "invalid_request_error", message: "scripted")]
                    : [.serverError(status: status), .serverError(status: status)]
                fake.enqueue(contentsOf: replies, for: step.format.route)
            }
            let response = try await client.post(step.format, step.body, headers: [.authorization: "Bearer \(step.key)"])
            statuses.append(response.status == .ok ? response.header("x-aigw-cache") : nil)
        }
        return statuses
    }
}
