import AIGateway
import AIGatewayServer
import FakeProvider
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

/// The acceptance: after mixed traffic through the server, the usage reports (HTTP, and
/// the `aigw` binary reading the same store from another process while the server runs) equal
/// the totals computed independently from the fake provider's log and the price table, exactly
/// (to the picodollar, so to the micro-dollar).
@Suite struct UsageAcceptanceTests {
    @Test func reportsEqualTheTotalsOfTheProvidersLogAndThePriceTable() async throws {
        try await withGatewayServer(keys: TrafficScript.keys) { client, fake, store in
            let steps = TrafficScript.steps
            let statuses = try await TrafficScript.run(client, fake: fake)
            let expected = try ExpectedUsage.compute(steps: steps, received: fake.requests, prices: try PriceTable.shipped())
            #expect(statuses.filter { $0 == "hit" }.count == Int(expected[""]?.hits ?? -1), "the server's own headers agree on hits")
            #expect(expected[""]?.errors == 3)
            #expect(statuses.last == .some(nil), "the unknown model is refused")
            let recorded = Int64(steps.count - 1)
            #expect((expected[""]?.spend ?? .zero) > .zero && (expected[""]?.saved ?? .zero) > .zero)

            let http = try await usage(client, key: TrafficScript.adminKey, until: { $0["total"]?["requests"]?.numberValue?.int64Value == recorded })
            try compare(http, with: expected, source: "GET /v1/gateway/usage")

            let cli = try await AIGWProcess.run(["usage", "--json", "--store", store])
            #expect(cli.status == 0)
            try compare(try JSONParser.parse(Array(cli.stdout.utf8)), with: expected, source: "aigw usage --json")

            let savings = try await AIGWProcess.run(["savings", "--json", "--store", store])
            let savingsJSON = try JSONParser.parse(Array(savings.stdout.utf8))
            for tenant in savingsJSON["tenants"]?.arrayValue ?? [] {
                let name = try #require(tenant["tenant"]?.stringValue)
                let row = try #require(expected[name])
                #expect(tenant["saved_picodollars"]?.numberValue?.int64Value == row.saved.picodollars)
                #expect(tenant["without_cache_picodollars"]?.numberValue?.int64Value == (row.spend + row.saved).picodollars)
            }
            #expect(savingsJSON["tenants"]?.arrayValue?.count == TrafficScript.tenants.count)

            // The request log also holds the refused unknown model, which the ledger does not count.
            // It commits on its own timer, not with the ledger, so it is polled.
            let records = try await poll({
                let logs = try await AIGWProcess.run(["logs", "--json", "--limit", "1000", "--store", store])
                return try logs.stdout.split(separator: "\n").map { try JSONParser.parse(Array($0.utf8)) }
            }, until: { $0.count >= steps.count })
            #expect(records.count == steps.count)
            #expect(records.filter { $0["success"]?.boolValue == false }.count == 4)
            #expect(Set(records.compactMap { $0["status"]?.numberValue?.int64Value }) == [200, 400, 404, 503])
            let loggedSpend = records.compactMap { $0["cost_picodollars"]?.numberValue?.int64Value }.reduce(0, +)
            #expect(loggedSpend == expected[""]?.spend.picodollars, "the request log adds up to the same spend")
        }
    }

    @Test func tenantKeysSeeTheirOwnTenantOnly() async throws {
        try await withGatewayServer(keys: TrafficScript.keys) { client, fake, _ in
            _ = try await TrafficScript.run(client, fake: fake)
            // Everything committed (all but the refused unknown model), so the counts below are final.
            let recorded = Int64(TrafficScript.steps.count - 1)
            _ = try await usage(client, key: TrafficScript.adminKey, until: { $0["total"]?["requests"]?.numberValue?.int64Value == recorded })
            let acme = try await usage(client, key: TrafficScript.key("acme"), until: { _ in true })
            #expect(acme["groups"]?.arrayValue?.map { $0["name"]?.stringValue } == ["acme"])

            let forbidden = try await get(client, "/v1/gateway/usage?tenant=globex", key: TrafficScript.key("acme"))
            #expect(forbidden.status == .forbidden)
            #expect(forbidden.json?["error"]?["type"]?.stringValue == "permission_error")
            let anonymous = try await get(client, "/v1/gateway/logs", key: nil)
            #expect(anonymous.status == .unauthorized)
            #expect(anonymous.json?["error"]?["code"]?.stringValue == "invalid_api_key")
            let badQuery = try await get(client, "/v1/gateway/usage?since=yesterday", key: TrafficScript.adminKey)
            #expect(badQuery.status == .badRequest)
            #expect(badQuery.json?["error"]?["message"]?.stringValue?.contains("since") == true)

            // The request log commits on its own timer, not with the ledger: once it holds every
            // request, what each key sees of it is final.
            let everything = try await poll({
                try await get(client, "/v1/gateway/logs?limit=1000", key: TrafficScript.adminKey).json?["data"]?.arrayValue?.count ?? 0
            }, until: { $0 >= TrafficScript.steps.count })
            #expect(everything == TrafficScript.steps.count)
            let logs = try await get(client, "/v1/gateway/logs?limit=1000", key: TrafficScript.key("globex"))
            let tenants = Set(logs.json?["data"]?.arrayValue?.compactMap { $0["tenant"]?.stringValue } ?? [])
            #expect(tenants == ["globex"])
            // The three scripted failures and the refused unknown model.
            let failed = try await get(client, "/v1/gateway/logs?failed=true", key: TrafficScript.adminKey)
            #expect(failed.json?["data"]?.arrayValue?.count == 4)
        }
    }

    @Test func localModeReportsWithoutAKey() async throws {
        try await withGatewayServer { client, _ in
            #expect(try await client.post(.openAI, Format.openAI.body()).status == .ok)
            let report = try await usage(client, key: nil, until: { $0["total"]?["requests"]?.numberValue?.int64Value == 1 })
            #expect(report["groups"]?.arrayValue?.first?["name"]?.stringValue == "default")
        }
    }

    /// Polls the usage report until `condition` holds (see ``poll(_:until:)``).
    private func usage(_ client: any TestClientProtocol, key: String?, until condition: (JSONValue) -> Bool) async throws -> JSONValue {
        try await poll({
            let response = try await get(client, "/v1/gateway/usage", key: key)
            #expect(response.status == .ok)
            return try #require(response.json)
        }, until: condition)
    }

    private func get(_ client: any TestClientProtocol, _ uri: String, key: String?) async throws -> TestResponse {
        var headers: HTTPFields = [:]
        if let key { headers[.authorization] = "Bearer \(key)" }
        return try await client.executeRequest(uri: uri, method: .get, headers: headers, body: nil)
    }

    private func compare(_ report: JSONValue, with expected: [String: ExpectedUsage], source: String) throws {
        let groups = try #require(report["groups"]?.arrayValue, "\(source): no groups")
        #expect(groups.compactMap { $0["name"]?.stringValue } == TrafficScript.tenants, "\(source)")
        for group in groups {
            let name = try #require(group["name"]?.stringValue)
            #expect(try ExpectedUsage(reportRow: group) == expected[name], "\(source): tenant \(name)")
        }
        #expect(try ExpectedUsage(reportRow: try #require(report["total"])) == expected[""], "\(source): total")
    }
}
