import AIGateway

/// The gateway keys a config file grants: each maps to a tenant, with an optional default
/// user and agent. Clients send a key the way their SDK sends its API key. Admin keys (optional)
/// read every tenant's usage and logs (`/v1/gateway/…`) and make no completions.
///
/// ```json
/// {"keys": [{"key": "gw-acme-1", "tenant": "acme", "user": "alice", "agent": "support-bot"}],
///  "admin_keys": ["gw-ops-1"]}
/// ```
public struct GatewayKeys: Sendable {
    public struct Grant: Sendable, Hashable {
        public var tenant: String
        public var user: String?
        public var agent: String?

        public init(tenant: String, user: String? = nil, agent: String? = nil) {
            self.tenant = tenant
            self.user = user
            self.agent = agent
        }
    }

    private var grants: [String: Grant]
    private var adminKeys: Set<String>

    public init(_ grants: [String: Grant], adminKeys: Set<String> = []) {
        self.grants = grants
        self.adminKeys = adminKeys.subtracting(grants.keys)
        // A gateway key is a credential like a provider key: nothing the gateway writes may
        // repeat it (a client can send it where an upstream will echo it).
        SecretRedaction.register(grants.keys)
        SecretRedaction.register(adminKeys)
    }

    public func grant(for key: String) -> Grant? {
        grants[key]
    }

    /// Whether `key` is an admin key: every tenant's reports, no completions.
    public func isAdmin(_ key: String) -> Bool {
        adminKeys.contains(key)
    }

    public var count: Int { grants.count }
}

/// Why a config file could not be used. Messages name the file and the entry, never a key.
public struct ServerConfigError: Error, Sendable, CustomStringConvertible {
    public var description: String

    init(_ description: String) {
        self.description = description
    }
}

extension GatewayKeys {
    /// Reads the `keys` of a JSON config file.
    public static func decode(_ bytes: [UInt8], file: String) throws(ServerConfigError) -> GatewayKeys {
        let json: JSONValue
        do {
            json = try JSONParser.parse(bytes)
        } catch {
            throw ServerConfigError("\(file): \(error.description)")
        }
        guard let entries = json["keys"]?.arrayValue else {
            throw ServerConfigError("\(file): expected an object with a \"keys\" array")
        }
        var grants: [String: Grant] = [:]
        for (index, entry) in entries.enumerated() {
            guard let key = entry["key"]?.stringValue, !key.isEmpty else {
                throw ServerConfigError("\(file): keys[\(index)] needs a non-empty \"key\" string")
            }
            guard let tenant = entry["tenant"]?.stringValue, !tenant.isEmpty else {
                throw ServerConfigError("\(file): keys[\(index)] needs a non-empty \"tenant\" string")
            }
            guard grants[key] == nil else {
                throw ServerConfigError("\(file): keys[\(index)] repeats an earlier key")
            }
            grants[key] = Grant(tenant: tenant, user: entry["user"]?.stringValue, agent: entry["agent"]?.stringValue)
        }
        var adminKeys: Set<String> = []
        for (index, entry) in (json["admin_keys"]?.arrayValue ?? []).enumerated() {
            guard let key = entry.stringValue, !key.isEmpty else {
                throw ServerConfigError("\(file): admin_keys[\(index)] must be a non-empty string")
            }
            guard grants[key] == nil, adminKeys.insert(key).inserted else {
                throw ServerConfigError("\(file): admin_keys[\(index)] repeats an earlier key")
            }
        }
        if let admin = json["admin_keys"], admin.arrayValue == nil {
            throw ServerConfigError("\(file): \"admin_keys\" must be an array of strings")
        }
        return GatewayKeys(grants, adminKeys: adminKeys)
    }
}
