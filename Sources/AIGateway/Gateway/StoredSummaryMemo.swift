import AIGatewayCore
import Synchronization

/// Summaries already read from stored bytes, by cache key: a hot entry is hit again and again,
/// and reading its summary (a JSON parse) cost more than the rest of the lookup.
///
/// The store stays the truth: a remembered summary is used only when the entry's bytes equal
/// the bytes it was read from, so a rewritten entry is read afresh. Bounded by bytes, not only by
/// count, since a summary holds the whole answer text (and is kept twice: bytes and parsed):
/// summaries over ``maxSummaryBytes`` are not remembered, and when the memo would pass
/// ``budgetBytes`` or ``capacity`` entries it is emptied and fills again with what is hit next.
final class StoredSummaryMemo: Sendable {
    private struct Remembered {
        var bytes: [UInt8]
        var summary: ResponseSummary
    }

    private struct Contents {
        var entries: [CacheKey: Remembered] = [:]
        var bytes = 0
    }

    private let contents = Mutex(Contents())
    let capacity: Int
    let budgetBytes: Int
    let maxSummaryBytes: Int

    init(capacity: Int = 4_096, budgetBytes: Int = 16 * 1024 * 1024, maxSummaryBytes: Int = 64 * 1024) {
        self.capacity = capacity
        self.budgetBytes = budgetBytes
        self.maxSummaryBytes = maxSummaryBytes
    }

    /// The summary stored as `bytes` under `key`, read once and then remembered.
    func summary(for key: CacheKey, stored bytes: [UInt8]) throws(ResponseDecodingError) -> ResponseSummary {
        if let known = contents.withLock({ $0.entries[key] }), known.bytes == bytes { return known.summary }
        let summary = try ResponseSummary(decoding: bytes)
        // Counted twice: the bytes, and the parsed text of about the same size.
        let cost = 2 * bytes.count
        guard bytes.count <= maxSummaryBytes else { return summary }
        contents.withLock { contents in
            if let replaced = contents.entries.removeValue(forKey: key) { contents.bytes -= 2 * replaced.bytes.count }
            if contents.entries.count >= capacity || contents.bytes + cost > budgetBytes {
                contents.entries.removeAll(keepingCapacity: true)
                contents.bytes = 0
            }
            contents.entries[key] = Remembered(bytes: bytes, summary: summary)
            contents.bytes += cost
        }
        return summary
    }

    var count: Int { contents.withLock { $0.entries.count } }
    var rememberedBytes: Int { contents.withLock { $0.bytes } }
}
