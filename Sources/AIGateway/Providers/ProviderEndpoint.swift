/// Where one provider lives and the key the gateway uses for it.
///
/// The two official SDKs disagree on what a base URL holds: OpenAI's includes the API version
/// (`https://api.openai.com/v1`), Anthropic's does not (`https://api.anthropic.com`). Users copy
/// these values between tools, so each endpoint keeps its provider's convention and
/// ``url(for:)`` joins paths the way that provider's SDK would.
public struct ProviderEndpoint: Sendable {
    public var baseURL: String
    /// Never printed: ``description`` shows only whether a key is set.
    public var apiKey: String?
    /// True when ``baseURL`` already ends with the API version, as OpenAI's does; the `/v1` at
    /// the start of a request path is then not repeated.
    public var baseURLIncludesVersion: Bool

    public init(baseURL: String, apiKey: String?, baseURLIncludesVersion: Bool = false) {
        self.baseURL = baseURL
        self.apiKey = apiKey
        self.baseURLIncludesVersion = baseURLIncludesVersion
    }

    /// The full URL for an API path such as `/v1/chat/completions`.
    ///
    /// Trailing slashes on the base are ignored. A base that already ends in `/v1` never gets a
    /// second one, whatever the convention: `…/v1/v1/messages` is never what anyone meant.
    public func url(for path: String) -> String {
        var base = Substring(baseURL)
        while base.hasSuffix("/") { base = base.dropLast() }
        let relative = path.hasPrefix("/") ? Substring(path) : "/" + path
        let version = "/v1"
        let pathHasVersion = relative.hasPrefix(version + "/") || relative == version
        if pathHasVersion && (baseURLIncludesVersion || base.hasSuffix(version)) {
            return String(base) + relative.dropFirst(version.count)
        }
        return String(base + relative)
    }

    /// A key present but empty counts as missing: an unset variable exported as `KEY=` is a
    /// configuration mistake, not a credential.
    var usableAPIKey: String? {
        guard let apiKey, !apiKey.isEmpty else { return nil }
        return apiKey
    }
}

extension ProviderEndpoint: CustomStringConvertible {
    public var description: String {
        "\(baseURL) (key \(usableAPIKey == nil ? "missing" : "set"))"
    }
}
