import AIGatewayCore
import AIGatewayStore

extension Fixture {
    /// The cache entry this fixture stands for, keyed as the gateway keys it now; nil for a
    /// recorded error, which a store does not keep.
    public func cacheEntry() throws -> CacheEntry? {
        let document = KeyDocument(request: request, scope: scope)
        let format: ResponseFormat
        let body: [UInt8]
        var summary: ResponseSummary
        switch response.content {
        case .json(let value):
            format = .json
            body = value.minifiedAsWritten()
            summary = switch request.provider {
            case .openai: try ResponseSummary(openAIChatCompletion: body)
            case .anthropic: try ResponseSummary(anthropicMessage: body)
            }
        case .events(let events):
            format = .sse
            body = FixtureEvents.bytes(events)
            var accumulator = StreamAccumulator(request.provider)
            for event in events { try accumulator.add(event) }
            summary = try accumulator.summary()
        case .error:
            return nil
        }
        let createdAtMs = Int64(FixtureClock.unixSeconds(recordedAt) ?? 0) * 1_000
        if summary.created == nil { summary.created = Int(createdAtMs / 1_000) }
        return CacheEntry(
            key: document.key, keyDocument: document.bytes, tenant: scope.tenant ?? "",
            provider: request.provider.rawValue, model: summary.model.isEmpty ? request.model : summary.model,
            endpoint: request.endpoint, createdAtMs: createdAtMs, responseFormat: format, responseStatus: response.status,
            responseBody: body, summary: summary.encoded(), usage: usage ?? summary.usage, cost: cost
        )
    }

    /// A stored entry as a fixture (sequence 0); nil when its key document cannot be read.
    public init?(entry: CacheEntry) {
        guard let contents = KeyDocument.read(entry.keyDocument) else { return nil }
        let content: FixtureResponse.Content
        switch entry.responseFormat {
        case .json:
            guard let value = try? JSONParser.parse(entry.responseBody, limits: .fixtureFiles) else { return nil }
            content = .json(value)
        case .sse:
            var parser = SSEParser()
            content = .events(parser.feed(entry.responseBody).map(FixtureEvents.normalized))
        }
        self.init(keyVersion: contents.version, key: entry.key, scope: contents.scope, request: contents.request,
                  recordedAt: FixtureClock.text(unixMs: entry.createdAtMs),
                  response: FixtureResponse(status: entry.responseStatus, content: content),
                  usage: entry.usage, cost: entry.cost)
    }

    /// This fixture re-canonicalized under the current rules: its request and key as the
    /// gateway would make them today. Unchanged when the fixture is current.
    public func rekeyed() throws(CanonicalizationError) -> Fixture {
        let current = try Canonicalizer.canonicalize(value: request.bodyValue, provider: request.provider,
                                                     headers: request.headers.map { (name: $0.name, value: $0.value) })
        var fixture = self
        fixture.request = CanonicalRequest(provider: current.provider, endpoint: request.endpoint, model: current.model,
                                           headers: current.headers, body: current.body, wantsStream: false)
        fixture.key = KeyDocument(request: fixture.request, scope: scope).key
        fixture.keyVersion = KeyDocument.keyVersion
        return fixture
    }
}
