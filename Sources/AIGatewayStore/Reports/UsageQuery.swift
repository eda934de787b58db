/// What a usage report covers: whole UTC days (the ledger's granularity), optionally one tenant,
/// totalled by one field.
public struct UsageQuery: Sendable, Equatable {
    /// First day, inclusive, `yyyy-MM-dd`; nil: from the first recorded day.
    public var since: String?
    /// Last day, inclusive, `yyyy-MM-dd`; nil: through today.
    public var until: String?
    public var tenant: String?
    public var grouping: LedgerGrouping

    public init(since: String? = nil, until: String? = nil, tenant: String? = nil, grouping: LedgerGrouping = .tenant) {
        self.since = since
        self.until = until
        self.tenant = tenant
        self.grouping = grouping
    }

    var ledgerFilter: LedgerFilter {
        LedgerFilter(since: since, until: until, tenant: tenant)
    }

    /// The same days in the request log's terms: from the start of `since` to the end of `until`.
    var logQuery: RequestLogQuery {
        RequestLogQuery(
            sinceMs: since.flatMap(UTCDate.startOfDayMs),
            untilMs: until.flatMap(UTCDate.startOfDayMs).map { $0 + 86_400_000 },
            tenant: tenant
        )
    }
}

extension UTCDate {
    /// Unix milliseconds at 00:00 UTC of `yyyy-MM-dd`; nil if it is not such a date.
    static func startOfDayMs(_ day: String) -> Int64? {
        let parts = day.split(separator: "-", omittingEmptySubsequences: false)
        guard day.utf8.count == 10, parts.count == 3, let year = Int64(parts[0]), let month = Int64(parts[1]),
              let dayOfMonth = Int64(parts[2]), (1...12).contains(month), (1...31).contains(dayOfMonth) else { return nil }
        // H. Hinnant's days_from_civil, the inverse of the conversion in `init(millisecondsSince1970:)`.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + dayOfMonth - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        let days = era * 146_097 + dayOfEra - 719_468
        guard UTCDate(millisecondsSince1970: days * 86_400_000).dayString == day else { return nil }
        return days * 86_400_000
    }
}
