import AIGateway
import HTTPTypes

/// Who a request comes from: with gateway keys, the key's tenant (401 without a known key);
/// without, the local single tenant. `x-aigw-user` and `x-aigw-agent` attribute within it.
enum ClientIdentity {
    /// The tenant of local single-tenant mode (no config file).
    static let localTenant = CacheScope.defaultTenant

    static func attribution(headers: HTTPFields, keys: GatewayKeys?) throws(ServerError) -> Attribution {
        var attribution: Attribution
        if let keys {
            guard let key = presentedKey(headers), let grant = keys.grant(for: key) else { throw .unauthorized }
            attribution = Attribution(tenant: grant.tenant, user: grant.user, agent: grant.agent)
        } else {
            attribution = Attribution(tenant: localTenant)
        }
        if let user = nonEmpty(headers[GatewayHeaders.user]) { attribution.user = user }
        if let agent = nonEmpty(headers[GatewayHeaders.agent]) { attribution.agent = agent }
        return attribution
    }

    /// Whose usage and logs a request may read: nil for every tenant (an admin key, or local
    /// mode, where the store is the local user's anyway), else the tenant of the key.
    static func reportTenant(headers: HTTPFields, keys: GatewayKeys?) throws(ServerError) -> String? {
        guard let keys else { return nil }
        guard let key = presentedKey(headers) else { throw .unauthorized }
        if keys.isAdmin(key) { return nil }
        guard let grant = keys.grant(for: key) else { throw .unauthorized }
        return grant.tenant
    }

    /// `Authorization: Bearer <key>` (OpenAI SDKs) or `x-api-key: <key>` (Anthropic SDKs).
    static func presentedKey(_ headers: HTTPFields) -> String? {
        if let authorization = headers[.authorization] {
            let parts = authorization.split(separator: " ", maxSplits: 1)
            if parts.count == 2, parts[0].lowercased() == "bearer", let key = nonEmpty(String(parts[1])) { return key }
        }
        return nonEmpty(headers[GatewayHeaders.apiKey])
    }

    private static func nonEmpty(_ value: String?) -> String? {
        guard let value = value?.trimmingWhitespace(), !value.isEmpty else { return nil }
        return value
    }
}
