import AIGateway
import AIGatewayServer
import FakeProvider
import HTTPTypes
import HummingbirdTesting
import Testing

@Suite struct AdminKeyTests {
    @Test func configFileNamesAdminKeysApartFromTenantKeys() throws {
        let file = #"{"keys": [{"key": "tenant-acme-key", "tenant": "acme"}], "admin_keys": ["ops-admin-key"]}"#
        let keys = try GatewayKeys.decode(Array(file.utf8), file: "gateway.json")
        #expect(keys.isAdmin("ops-admin-key"))
        #expect(!keys.isAdmin("tenant-acme-key"))
        #expect(keys.grant(for: "ops-admin-key") == nil, "an admin key belongs to no tenant")
        for invalid in [
            #"{"keys": [{"key": "k", "tenant": "acme"}], "admin_keys": ["k"]}"#,
            #"{"keys": [], "admin_keys": [""]}"#,
            #"{"keys": [], "admin_keys": "ops-admin-key"}"#,
        ] {
            #expect(throws: ServerConfigError.self) { try GatewayKeys.decode(Array(invalid.utf8), file: "gateway.json") }
        }
        let old = try GatewayKeys.decode(Array(#"{"keys": [{"key": "k", "tenant": "acme"}]}"#.utf8), file: "gateway.json")
        #expect(!old.isAdmin("k"), "files without admin_keys read as before")
    }

    @Test func anAdminKeyMakesNoCompletions() async throws {
        try await withGatewayServer(keys: TrafficScript.keys) { client, fake in
            let response = try await client.post(.openAI, Format.openAI.body(), headers: [.authorization: "Bearer \(TrafficScript.adminKey)"])
            #expect(response.status == .unauthorized)
            #expect(fake.requestCount == 0)
        }
    }
}
