/// Which request-log records to read. Nil matches everything.
public struct RequestLogQuery: Sendable, Equatable {
    /// Records at or after this time, Unix milliseconds.
    public var sinceMs: Int64?
    /// Records before this time, Unix milliseconds.
    public var untilMs: Int64?
    /// Records strictly after this position: how `--follow` and HTTP paging resume.
    public var after: RequestLogCursor?
    public var tenant: String?
    public var model: String?
    public var provider: String?
    /// Only failed requests.
    public var failedOnly: Bool
    public var requestID: String?
    /// At most this many records: the newest ones when ``newest`` is set, else the oldest.
    public var limit: Int?
    /// With ``limit``, keep the newest records (as `tail` does); they are returned oldest first.
    public var newest: Bool

    public init(
        sinceMs: Int64? = nil,
        untilMs: Int64? = nil,
        after: RequestLogCursor? = nil,
        tenant: String? = nil,
        model: String? = nil,
        provider: String? = nil,
        failedOnly: Bool = false,
        requestID: String? = nil,
        limit: Int? = nil,
        newest: Bool = false
    ) {
        self.sinceMs = sinceMs
        self.untilMs = untilMs
        self.after = after
        self.tenant = tenant
        self.model = model
        self.provider = provider
        self.failedOnly = failedOnly
        self.requestID = requestID
        self.limit = limit
        self.newest = newest
    }

    func matches(_ entry: RequestLogEntry) -> Bool {
        if let sinceMs, entry.timeMs < sinceMs { return false }
        if let untilMs, entry.timeMs >= untilMs { return false }
        if let tenant, entry.tenant != tenant { return false }
        if let model, entry.model != model { return false }
        if let provider, entry.provider != provider { return false }
        if failedOnly && entry.succeeded { return false }
        if let requestID, entry.requestID != requestID { return false }
        return true
    }

    /// How much later than its request's time a record may be keyed (when a request that
    /// finished earlier was queued after a later one): an upper time bound scans this far beyond
    /// and ``matches`` decides by the entry's own time.
    static let keyingSlackMs: Int64 = 60_000

    /// The key range to scan: from `sinceMs` or just after `after`, whichever is later. A
    /// gateway request id carries its start time, and a request is recorded when it finishes, so
    /// looking one up scans from then on (less a second for clock steps) rather than the whole log.
    var keyRange: LMDBKeyRange {
        let started = requestID.flatMap(RequestID.milliseconds(of:)).map { $0 - 1_000 }
        let from = [sinceMs, started].compactMap { $0 }.max()
        var lower = from.map { RequestLogCursor(timeMs: $0).bytes }
        // Keys are all 16 bytes, so the key followed by a zero byte sorts right after it.
        if let after = after.map({ $0.bytes + [0] }), lower.map({ $0.lexicographicallyPrecedes(after) }) ?? true {
            lower = after
        }
        let upper = untilMs.map { RequestLogCursor(timeMs: $0 &+ Self.keyingSlackMs).bytes }
        return LMDBKeyRange(lower: lower, upper: upper)
    }
}
