/// Whose entries a key belongs to. Tenants never share entries unless configured to.
public enum CacheScope: Hashable, Sendable {
    /// Entries private to one tenant, optionally in a named namespace within it.
    case tenant(String, namespace: String? = nil)
    /// A namespace shared across tenants, only by explicit configuration.
    case shared(String)

    /// The tenant of single-tenant local mode and of CLI commands given no `--tenant`.
    public static let defaultTenant = "default"

    /// The tenant to attribute usage to; nil for a shared namespace.
    public var tenant: String? {
        switch self {
        case .tenant(let tenant, _): tenant
        case .shared: nil
        }
    }
}
