// The library's public API carries the core's values (`CacheKey`, `USD`, `ResponseSummary`) and
// the store's (`CacheStore`, `UsageReport`), so `import AIGateway` brings both.
@_exported import AIGatewayCore
@_exported import AIGatewayStore
