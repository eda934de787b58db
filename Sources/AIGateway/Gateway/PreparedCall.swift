import AIGatewayCore

/// A call after canonicalization: its key and document, or the reason it cannot be cached.
struct PreparedCall: Sendable {
    var call: CompletionCall
    var provider: Provider { call.upstream.provider }
    var key: CacheKey?
    /// The canonical form the key was made from; nil when the request cannot be keyed.
    var canonical: CanonicalRequest?
    var document: [UInt8]
    var bypassReason: String?

    init(_ call: CompletionCall) throws {
        self.call = call
        do {
            let canonical: CanonicalRequest
            if let made = call.canonical {
                canonical = made
            } else {
                canonical = try Canonicalizer.canonicalize(
                    body: call.upstream.body,
                    provider: call.upstream.provider,
                    headers: call.upstream.headers
                )
            }
            let keyDocument = KeyDocument(request: canonical, scope: call.scope)
            self.canonical = canonical
            key = keyDocument.key
            document = keyDocument.bytes
        } catch .notCacheable(let reason) {
            key = nil
            document = []
            bypassReason = reason
        } catch {
            throw GatewayError(.invalidRequest, provider: call.upstream.provider, requestId: call.requestId, message: error.description)
        }
        if key != nil, !call.cache.read, !call.cache.write {
            bypassReason = "Cache-Control: no-cache, no-store"
        }
    }

    /// For an OpenAI chat stream, whether its client asked for the usage chunk: the answer, live
    /// or replayed, is rendered with it exactly then. Nil when the stream is passed on as the
    /// provider sends it (an Anthropic stream, a request that could not be read for it).
    var streamUsage: Bool? {
        guard let canonical, canonical.provider == .openai else { return nil }
        return canonical.wantsStreamUsage
    }

    /// Whether the cache takes part at all.
    var usesCache: Bool { key != nil && bypassReason == nil }

    /// How a failed request is counted: it was not served from the cache, so a miss when the
    /// cache took part, else a bypass.
    var failureStatus: CacheStatus { usesCache ? .miss : .bypass }
}
