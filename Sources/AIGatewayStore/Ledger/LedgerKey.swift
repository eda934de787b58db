import Foundation

/// The row a request is counted in: one UTC day and the scope that made the request.
///
/// An empty string means "none" (no user, no agent). Fields longer than their limit in the stored
/// key (``fieldByteLimits``) are cut at a character boundary, so two very long names that share
/// their first hundred bytes share a row; the limits keep every key under LMDB's 511-byte maximum.
public struct LedgerKey: Hashable, Sendable {
    /// UTC, `yyyy-MM-dd`.
    public var day: String
    public var tenant: String
    public var user: String
    public var agent: String
    public var model: String
    public var provider: String

    public init(day: String, tenant: String = "", user: String = "", agent: String = "", model: String = "", provider: String = "") {
        self.day = day
        self.tenant = tenant
        self.user = user
        self.agent = agent
        self.model = model
        self.provider = provider
    }

    /// The UTC day of `date` in the ledger's format, `2026-11-29`.
    public static func day(of date: Date) -> String {
        UTCDate(date).dayString
    }
}
