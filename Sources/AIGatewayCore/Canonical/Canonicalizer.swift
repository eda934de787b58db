/// Reduces a provider request body to its canonical form: the bytes the cache key hashes.
///
/// The rules are specified in `docs/canonical-form.md` (key version 1). In short: API-defined
/// objects are sorted by key bytes, user-authored payloads (schemas, tool inputs) keep their
/// key order, numbers are written by exact value, strings are exact, documented shorthands and
/// defaults collapse to one form, fields that do not change the answer are dropped, and
/// everything unknown is kept.
public enum Canonicalizer {
    /// Parses and canonicalizes a request body for `provider`'s chat endpoint.
    ///
    /// - Parameter headers: the request's headers; only behaviour-changing ones are kept
    ///   (`anthropic-version`, `anthropic-beta`, `openai-beta`), matched case-insensitively.
    public static func canonicalize(
        body: [UInt8],
        provider: Provider,
        headers: [(name: String, value: String)] = [],
        limits: JSONLimits = .default
    ) throws(CanonicalizationError) -> CanonicalRequest {
        // The one-pass scanner handles every well-formed, unambiguous request it can; it
        // returns nil for the rest (errors included), which the reference path decides.
        guard let fast = CanonicalScanner.canonicalBody(body, provider: provider, limits: limits) else {
            return try referenceCanonicalize(body: body, provider: provider, headers: headers, limits: limits)
        }
        return CanonicalRequest(
            provider: provider,
            endpoint: provider.chatEndpoint,
            model: fast.model,
            headers: try KeyedHeaders.canonical(headers),
            body: fast.bytes,
            wantsStream: fast.wantsStream,
            wantsStreamUsage: fast.wantsStreamUsage
        )
    }

    /// The tree-based path: parse into a `JSONValue`, then apply the rules. It defines the
    /// canonical form (and every error); the scanner must agree with it byte for byte, which
    /// `CanonicalFastPathTests` checks.
    static func referenceCanonicalize(
        body: [UInt8],
        provider: Provider,
        headers: [(name: String, value: String)] = [],
        limits: JSONLimits = .default
    ) throws(CanonicalizationError) -> CanonicalRequest {
        let parsed: (value: JSONValue, ambiguity: JSONParseError?)
        do {
            parsed = try JSONParser.parseReportingAmbiguity(body, limits: limits)
        } catch {
            throw .invalidJSON(error)
        }
        if let ambiguity = parsed.ambiguity {
            throw .notCacheable(reason: "\(ambiguity.problem) at byte \(ambiguity.offset)")
        }
        return try canonicalize(value: parsed.value, provider: provider, headers: headers)
    }

    /// Canonicalizes an already parsed request body, for callers that built or translated it.
    public static func canonicalize(
        value: JSONValue,
        provider: Provider,
        headers: [(name: String, value: String)] = []
    ) throws(CanonicalizationError) -> CanonicalRequest {
        guard case .object(let members) = value else {
            throw .invalidRequest("the body must be a JSON object, not \(value.typeName)")
        }
        guard let modelValue = value["model"] else { throw .invalidRequest("model is missing") }
        guard let model = modelValue.stringValue, !model.isEmpty else {
            throw .invalidRequest("model must be a non-empty string")
        }
        let body: RequestBody
        switch provider {
        case .openai: body = try OpenAIChatRules.apply(to: members)
        case .anthropic: body = try AnthropicMessagesRules.apply(to: members)
        }
        return CanonicalRequest(
            provider: provider,
            endpoint: provider.chatEndpoint,
            model: model,
            headers: try KeyedHeaders.canonical(headers),
            body: body.bytes,
            wantsStream: body.wantsStream,
            wantsStreamUsage: body.wantsStreamUsage
        )
    }
}

/// A request body after a provider's rules: the canonical bytes.
struct RequestBody {
    var bytes: [UInt8]
    var wantsStream: Bool
    var wantsStreamUsage: Bool
}
