import AIGateway
import AIGatewayServer
import FakeProvider
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

@Suite struct ServerTenantTests {
    let keys = GatewayKeys([
        "gw-acme": .init(tenant: "acme", user: "alice"),
        "gw-globex": .init(tenant: "globex"),
    ])

    @Test(arguments: Format.allCases)
    func unknownOrMissingKeyIs401InTheAPIShape(format: Format) async throws {
        try await withGatewayServer(keys: keys) { client, fake in
            for headers: HTTPFields in [[:], [.authorization: "Bearer gw-nobody"], [HTTPField.Name("x-api-key")!: "gw-nobody"]] {
                let response = try await client.post(format, format.body(), headers: headers)
                #expect(response.status == .unauthorized)
                let error = try #require(errorObject(response, format: format))
                #expect(error["type"]?.stringValue == "authentication_error")
                #expect(error["message"]?.stringValue?.contains("gw-nobody") == false)
            }
            #expect(fake.requestCount == 0)
        }
    }

    @Test func keysAreAcceptedTheWayEachSDKSendsThem() async throws {
        try await withGatewayServer(keys: keys) { client, fake in
            let bearer = try await client.post(.openAI, Format.openAI.body(), headers: [.authorization: "Bearer gw-acme"])
            #expect(bearer.status == .ok)
            let apiKey = try await client.post(.anthropic, Format.anthropic.body(), headers: [HTTPField.Name("x-api-key")!: "gw-acme"])
            #expect(apiKey.status == .ok)
            #expect(!fake.requests.contains { $0.headers.contains { $0.value.contains("gw-acme") } })
        }
    }

    @Test func tenantsDoNotShareEntries() async throws {
        try await withGatewayServer(keys: keys) { client, fake in
            let acme = try await client.post(.openAI, Format.openAI.body(), headers: [.authorization: "Bearer gw-acme"])
            let globex = try await client.post(.openAI, Format.openAI.body(), headers: [.authorization: "Bearer gw-globex"])
            let acmeAgain = try await client.post(.openAI, Format.openAI.body(), headers: [.authorization: "Bearer gw-acme"])
            #expect(acme.header("x-aigw-cache") == "miss")
            #expect(globex.header("x-aigw-cache") == "miss")
            #expect(acmeAgain.header("x-aigw-cache") == "hit")
            #expect(fake.requestCount == 2)
        }
    }

    @Test func configFileMapsKeysToTenants() throws {
        let file = #"{"keys": [{"key": "gw-1", "tenant": "acme", "user": "alice", "agent": "bot"}, {"key": "gw-2", "tenant": "globex"}]}"#
        let keys = try GatewayKeys.decode(Array(file.utf8), file: "gateway.json")
        #expect(keys.grant(for: "gw-1") == .init(tenant: "acme", user: "alice", agent: "bot"))
        #expect(keys.grant(for: "gw-2") == .init(tenant: "globex"))
        #expect(keys.grant(for: "gw-3") == nil)
        #expect(throws: ServerConfigError.self) {
            try GatewayKeys.decode(Array(#"{"keys": [{"key": "gw-1"}]}"#.utf8), file: "gateway.json")
        }
    }
}

@Suite struct ServerCacheControlTests {
    @Test func noCacheSkipsTheLookupButStoresTheAnswer() async throws {
        try await withGatewayServer { client, fake in
            _ = try await client.post(.openAI, Format.openAI.body())
            let fresh = try await client.post(.openAI, Format.openAI.body(), headers: [.cacheControl: "no-cache"])
            #expect(fresh.header("x-aigw-cache") == "miss")
            #expect(fake.requestCount == 2)
            #expect(try await client.post(.openAI, Format.openAI.body()).header("x-aigw-cache") == "hit")
        }
    }

    @Test func noStoreLeavesNoEntry() async throws {
        try await withGatewayServer { client, fake in
            let first = try await client.post(.anthropic, Format.anthropic.body(), headers: [.cacheControl: "no-store"])
            #expect(first.header("x-aigw-cache") == "miss")
            #expect(try await client.post(.anthropic, Format.anthropic.body()).header("x-aigw-cache") == "miss")
            #expect(try await client.post(.anthropic, Format.anthropic.body()).header("x-aigw-cache") == "hit")
            #expect(fake.requestCount == 2)
        }
    }

    @Test func noCacheWithNoStoreBypassesTheCache() async throws {
        try await withGatewayServer { client, _ in
            let response = try await client.post(.openAI, Format.openAI.body(stream: true), headers: [.cacheControl: "no-cache, no-store"])
            #expect(response.header("x-aigw-cache") == "bypass")
            #expect(streamedText(response.events, format: .openAI) == "echo: hello there")
        }
    }

    @Test func namespacesSeparateEntries() async throws {
        try await withGatewayServer { client, fake in
            let namespace = HTTPField.Name("x-aigw-cache-namespace")!
            let a = try await client.post(.openAI, Format.openAI.body(), headers: [namespace: "eval-a"])
            let b = try await client.post(.openAI, Format.openAI.body(), headers: [namespace: "eval-b"])
            let aAgain = try await client.post(.openAI, Format.openAI.body(), headers: [namespace: "eval-a"])
            #expect([a, b, aAgain].map { $0.header("x-aigw-cache") } == ["miss", "miss", "hit"])
            #expect(fake.requestCount == 2)
        }
    }
}

@Suite struct ServerInfoRouteTests {
    @Test func healthzAnswersOK() async throws {
        try await withGatewayServer { client, _ in
            let response = try await client.executeRequest(uri: "/healthz", method: .get, headers: [:], body: nil)
            #expect(response.status == .ok)
            #expect(response.json?["status"]?.stringValue == "ok")
        }
    }

    @Test func modelsListsPricedRoutedModelsInEachShape() async throws {
        try await withGatewayServer { client, _ in
            let openAI = try await client.executeRequest(uri: "/v1/models", method: .get, headers: [:], body: nil)
            let models = try #require(openAI.json?["data"]?.arrayValue)
            #expect(models.contains { $0["id"]?.stringValue == "gpt-4o-mini" && $0["owned_by"]?.stringValue == "openai" })
            #expect(models.contains { $0["id"]?.stringValue == "claude-3-5-haiku" && $0["owned_by"]?.stringValue == "anthropic" })
            let anthropic = try await client.executeRequest(uri: "/v1/models", method: .get,
                                                            headers: [HTTPField.Name("anthropic-version")!: "2023-06-01"], body: nil)
            #expect(anthropic.json?["data"]?[0]?["type"]?.stringValue == "model")
            // Anthropic pages by 20 unless asked for more; paging is tested in RoutesAndModelsTests.
            let all = try await client.executeRequest(uri: "/v1/models?limit=1000", method: .get,
                                                      headers: [HTTPField.Name("anthropic-version")!: "2023-06-01"], body: nil)
            #expect(all.json?["has_more"]?.boolValue == false)
        }
    }
}
