import AIGateway
import Testing

struct ProviderEndpointTests {
    @Test func openAIBaseWithVersionIsNotGivenASecondOne() {
        for base in ["http://127.0.0.1:9999/v1", "http://127.0.0.1:9999/v1/", "http://127.0.0.1:9999/v1//"] {
            let settings = ProviderSettings.fromEnvironment(["OPENAI_BASE_URL": base])
            #expect(settings.openAI.url(for: "/v1/chat/completions") == "http://127.0.0.1:9999/v1/chat/completions")
        }
    }

    @Test func openAIBaseWithoutVersionIsJoinedAsTheSDKDoes() {
        let settings = ProviderSettings.fromEnvironment(["OPENAI_BASE_URL": "http://127.0.0.1:11434/openai/"])
        #expect(settings.openAI.url(for: "/v1/chat/completions") == "http://127.0.0.1:11434/openai/chat/completions")
    }

    @Test func anthropicBaseWithoutVersionGetsTheFullPath() {
        for base in ["http://127.0.0.1:9999", "http://127.0.0.1:9999/"] {
            let settings = ProviderSettings.fromEnvironment(["ANTHROPIC_BASE_URL": base])
            #expect(settings.anthropic.url(for: "/v1/messages") == "http://127.0.0.1:9999/v1/messages")
        }
    }

    @Test func anthropicBaseEndingInVersionIsNotGivenASecondOne() {
        let settings = ProviderSettings.fromEnvironment(["ANTHROPIC_BASE_URL": "https://proxy.example/anthropic/v1/"])
        #expect(settings.anthropic.url(for: "/v1/messages") == "https://proxy.example/anthropic/v1/messages")
    }

    @Test func environmentDefaultsToTheOfficialEndpoints() {
        let settings = ProviderSettings.fromEnvironment([:])
        #expect(settings.openAI.url(for: "/v1/chat/completions") == "https://api.openai.com/v1/chat/completions")
        #expect(settings.anthropic.url(for: "/v1/messages") == "https://api.anthropic.com/v1/messages")
        #expect(settings.openAI.apiKey == nil)
        #expect(settings.anthropic.apiKey == nil)
    }

    @Test func environmentKeysGoToTheirProvidersAndEmptyMeansUnset() {
        let settings = ProviderSettings.fromEnvironment(["OPENAI_API_KEY": "openai-key-111111111", "ANTHROPIC_API_KEY": "  ", "OPENAI_BASE_URL": ""])
        #expect(settings[.openai].apiKey == "openai-key-111111111")
        #expect(settings[.anthropic].apiKey == nil)
        #expect(settings.openAI.baseURL == ProviderSettings.defaultOpenAIBaseURL)
    }

    @Test func descriptionsNeverShowKeys() {
        let settings = ProviderSettings.fromEnvironment(["OPENAI_API_KEY": secretTestKey, "ANTHROPIC_API_KEY": "ant-key-without-prefix"])
        let texts = [settings.description, settings.openAI.description, settings.anthropic.description, "\(settings)"]
        for text in texts {
            #expect(!text.contains(secretTestKeyTail))
            #expect(!text.contains("ant-key-without-prefix"))
        }
        #expect(settings.openAI.description.contains("key set"))
        #expect(ProviderSettings.fromEnvironment([:]).anthropic.description.contains("key missing"))
    }
}
