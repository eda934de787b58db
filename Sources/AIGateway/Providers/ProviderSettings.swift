import AIGatewayCore
import Foundation

/// The endpoint of every provider the gateway can call.
public struct ProviderSettings: Sendable {
    public var openAI: ProviderEndpoint
    public var anthropic: ProviderEndpoint

    public static let defaultOpenAIBaseURL = "https://api.openai.com/v1"
    public static let defaultAnthropicBaseURL = "https://api.anthropic.com"

    public init(openAI: ProviderEndpoint, anthropic: ProviderEndpoint) {
        self.openAI = openAI
        self.anthropic = anthropic
    }

    public subscript(provider: Provider) -> ProviderEndpoint {
        get {
            switch provider {
            case .openai: openAI
            case .anthropic: anthropic
            }
        }
        set {
            switch provider {
            case .openai: openAI = newValue
            case .anthropic: anthropic = newValue
            }
        }
    }

    /// Reads the variables the official SDKs read, so an environment that works for them works
    /// here: `OPENAI_API_KEY`, `OPENAI_BASE_URL` (with `/v1`), `ANTHROPIC_API_KEY`,
    /// `ANTHROPIC_BASE_URL` (without `/v1`). Empty values count as unset.
    public static func fromEnvironment(_ env: [String: String] = ProcessInfo.processInfo.environment) -> ProviderSettings {
        func value(_ name: String) -> String? {
            guard let value = env[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else { return nil }
            return value
        }
        let settings = ProviderSettings(
            openAI: ProviderEndpoint(
                baseURL: value("OPENAI_BASE_URL") ?? defaultOpenAIBaseURL,
                apiKey: value("OPENAI_API_KEY"),
                baseURLIncludesVersion: true
            ),
            anthropic: ProviderEndpoint(
                baseURL: value("ANTHROPIC_BASE_URL") ?? defaultAnthropicBaseURL,
                apiKey: value("ANTHROPIC_API_KEY"),
                baseURLIncludesVersion: false
            )
        )
        settings.registerSecrets()
        return settings
    }

    /// Tells ``SecretRedaction`` the keys and the base URLs' passwords, so nothing the gateway
    /// says or stores repeats them (an upstream may echo them back).
    public func registerSecrets() {
        for endpoint in [openAI, anthropic] {
            SecretRedaction.register(endpoint.apiKey)
            SecretRedaction.register(credentialsOf: endpoint.baseURL)
        }
    }
}

extension ProviderSettings: CustomStringConvertible {
    public var description: String {
        "openai: \(openAI), anthropic: \(anthropic)"
    }
}
