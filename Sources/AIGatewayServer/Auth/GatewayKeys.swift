import AIGateway

/// The gateway keys a config file grants: each maps to a tenant, with an optional default
/// user and agent. Clients send a key the way their SDK sends its API key.
///
/// ```json
/// {"keys": [{"key": "gw-acme-1", "tenant": "acme", "user": "alice", "agent": "support-bot"}]}
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

    public init(_ grants: [String: Grant]) {
        self.grants = grants
    }

    public func grant(for key: String) -> Grant? {
        grants[key]
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
        return GatewayKeys(grants)
    }
}
