/// How much of the request log is kept: records older than ``maxAge`` and the oldest beyond
/// ``maxRecords`` are deleted after each flush. The usage ledger is not affected: its totals
/// are kept for good, so reports of old days still add up.
public struct RequestLogRetention: Sendable, Equatable {
    /// Nil: no age limit.
    public var maxAge: Duration?
    /// Nil: no count limit.
    public var maxRecords: Int?
    /// Deletions per flush at most, so that catching up on a large backlog (a lowered limit, a
    /// long-stopped gateway) never holds the store's single writer lock for long.
    public var maxDeletionsPerFlush: Int

    public static let defaultMaxAge: Duration = .seconds(30 * 86_400)
    public static let defaultMaxRecords = 1_000_000

    public init(
        maxAge: Duration? = defaultMaxAge,
        maxRecords: Int? = defaultMaxRecords,
        maxDeletionsPerFlush: Int = 10_000
    ) {
        self.maxAge = maxAge
        self.maxRecords = maxRecords
        self.maxDeletionsPerFlush = max(1, maxDeletionsPerFlush)
    }
}
