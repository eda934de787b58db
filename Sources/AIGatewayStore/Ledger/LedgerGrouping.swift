/// A field to total ledger rows by.
public enum LedgerGrouping: String, Sendable, CaseIterable {
    case tenant, user, agent, model, provider, day

    func value(of key: LedgerKey) -> String {
        switch self {
        case .tenant: key.tenant
        case .user: key.user
        case .agent: key.agent
        case .model: key.model
        case .provider: key.provider
        case .day: key.day
        }
    }
}

/// Ledger rows totalled by one field, exactly.
public struct LedgerReport: Sendable, Equatable {
    public struct Group: Sendable, Equatable {
        /// The field's value; empty for rows without one (no user, no agent).
        public var name: String
        public var counters: LedgerCounters
    }

    public var grouping: LedgerGrouping
    /// Sorted by name.
    public var groups: [Group]
    public var total: LedgerCounters

    /// Totals `rows` by `grouping`; throws ``LedgerError/overflow`` rather than wrap or round.
    public init(_ rows: [(key: LedgerKey, counters: LedgerCounters)], by grouping: LedgerGrouping) throws(LedgerError) {
        var byName: [String: LedgerCounters] = [:]
        var total = LedgerCounters()
        for (key, counters) in rows {
            let name = grouping.value(of: key)
            guard let groupSum = byName[name, default: LedgerCounters()].adding(counters),
                  let totalSum = total.adding(counters) else { throw LedgerError.overflow }
            byName[name] = groupSum
            total = totalSum
        }
        self.grouping = grouping
        self.groups = byName.map { Group(name: $0.key, counters: $0.value) }.sorted { $0.name < $1.name }
        self.total = total
    }
}

extension Array where Element == (key: LedgerKey, counters: LedgerCounters) {
    /// These rows totalled by `grouping`, with a grand total.
    public func aggregate(by grouping: LedgerGrouping) throws(LedgerError) -> LedgerReport {
        try LedgerReport(self, by: grouping)
    }
}
