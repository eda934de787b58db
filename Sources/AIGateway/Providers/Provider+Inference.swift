import AIGatewayCore

extension Provider {
    /// Guesses which provider's format a request body is in, for the CLI when `--provider`
    /// is omitted. The model name decides when it has a known prefix; otherwise fields that
    /// only one format has. Nil when the body gives no hint (or is not a JSON object).
    public static func infer(body: [UInt8]) -> Provider? {
        guard let (value, _) = try? JSONParser.parseReportingAmbiguity(body), case .object = value else { return nil }
        return infer(value: value)
    }

    public static func infer(value: JSONValue) -> Provider? {
        if let model = value["model"]?.stringValue, let provider = defaultRouter.provider(for: model) { return provider }
        if value["system"] != nil { return .anthropic }
        for key: JSONString in ["max_completion_tokens", "response_format", "n"] where value[key] != nil { return .openai }
        for message in value["messages"]?.arrayValue ?? [] {
            if let role = message["role"]?.jsonString, ["system", "developer", "tool"].contains(role) { return .openai }
            for block in message["content"]?.arrayValue ?? [] {
                if let type = block["type"]?.jsonString, ["tool_use", "tool_result"].contains(type) { return .anthropic }
            }
        }
        return nil
    }

    /// The router's default rules, so a prefix is added in one place (``ModelRouter/defaultRules``).
    private static let defaultRouter = ModelRouter()
}

extension Canonicalizer {
    /// See ``Provider/infer(body:)``.
    public static func inferProvider(body: [UInt8]) -> Provider? {
        Provider.infer(body: body)
    }
}
