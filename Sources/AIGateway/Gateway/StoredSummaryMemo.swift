import Synchronization

/// Summaries already read from stored bytes, by cache key: a hot entry is hit again and again,
/// and reading its summary (a JSON parse) cost more than the rest of the lookup.
///
/// The store stays the truth: a remembered summary is used only when the entry's bytes equal
/// the bytes it was read from, so a rewritten entry is read afresh. Bounded: when full, it is
/// emptied and fills again with what is hit next.
final class StoredSummaryMemo: Sendable {
    private struct Remembered {
        var bytes: [UInt8]
        var summary: ResponseSummary
    }

    private let remembered = Mutex<[CacheKey: Remembered]>([:])
    let capacity: Int

    init(capacity: Int = 4_096) {
        self.capacity = capacity
    }

    /// The summary stored as `bytes` under `key`, read once and then remembered.
    func summary(for key: CacheKey, stored bytes: [UInt8]) throws(ResponseDecodingError) -> ResponseSummary {
        if let known = remembered.withLock({ $0[key] }), known.bytes == bytes { return known.summary }
        let summary = try ResponseSummary(decoding: bytes)
        remembered.withLock { memo in
            if memo.count >= capacity, memo[key] == nil { memo.removeAll(keepingCapacity: true) }
            memo[key] = Remembered(bytes: bytes, summary: summary)
        }
        return summary
    }

    var count: Int { remembered.withLock { $0.count } }
}
