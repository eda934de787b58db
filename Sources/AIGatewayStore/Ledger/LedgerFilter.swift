/// Which ledger rows to read. Nil matches everything; days are inclusive, `yyyy-MM-dd`, UTC.
public struct LedgerFilter: Sendable, Equatable {
    public var since: String?
    public var until: String?
    public var tenant: String?
    public var user: String?
    public var agent: String?
    public var model: String?
    public var provider: String?

    public init(
        since: String? = nil,
        until: String? = nil,
        tenant: String? = nil,
        user: String? = nil,
        agent: String? = nil,
        model: String? = nil,
        provider: String? = nil
    ) {
        self.since = since
        self.until = until
        self.tenant = tenant
        self.user = user
        self.agent = agent
        self.model = model
        self.provider = provider
    }

    func matches(_ key: LedgerKey) -> Bool {
        if let since, key.day < since { return false }
        if let until, key.day > until { return false }
        if let tenant, key.tenant != tenant { return false }
        if let user, key.user != user { return false }
        if let agent, key.agent != agent { return false }
        if let model, key.model != model { return false }
        if let provider, key.provider != provider { return false }
        return true
    }

    /// The stored-key range to scan: days map directly onto it because they come first in the key.
    var keyRange: LMDBKeyRange {
        let lower = since.map { LedgerKey.prefix(day: $0, tenant: since == until ? tenant : nil) }
            ?? [LedgerKey.layoutVersion]
        let upperPrefix = until.map { LedgerKey.prefix(day: $0, tenant: since == until ? tenant : nil) }
            ?? [LedgerKey.layoutVersion]
        return LMDBKeyRange(lower: lower, upper: LMDBKeyRange.successor(of: upperPrefix))
    }
}
