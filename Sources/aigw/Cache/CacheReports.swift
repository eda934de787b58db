import AIGateway
import Foundation

/// Times shown to people: UTC, to the second, ISO 8601.
enum TimeText {
    static func iso(_ millis: Int64?) -> String? {
        guard let millis else { return nil }
        return Date(timeIntervalSince1970: Double(millis) / 1_000).formatted(.iso8601)
    }

    /// A byte count in binary units, for tables.
    static func bytes(_ count: Int64) -> String {
        let units = ["B", "KiB", "MiB", "GiB", "TiB"]
        var value = Double(count)
        var unit = 0
        while value >= 1_024 && unit < units.count - 1 {
            value /= 1_024
            unit += 1
        }
        return unit == 0 ? "\(count) B" : String(format: "%.1f %@", value, units[unit])
    }
}

/// `aigw cache stats`, as text or JSON.
struct CacheStatsReport: Encodable {
    struct Tenant: Encodable {
        var tenant: String
        var entries: Int
        var recordBytes: Int64
        enum CodingKeys: String, CodingKey { case tenant, entries, recordBytes = "record_bytes" }
    }

    struct Model: Encodable {
        var provider: String
        var model: String
        var entries: Int
    }

    var store: String
    var entries: Int
    var recordBytes: Int64
    var fileBytes: Int64
    var mapBytes: Int
    var totalHits: Int64
    var lookupHits: Int64
    var lookupMisses: Int64
    var hitRate: Double?
    var expiredEntries: Int
    var corruptEntries: Int
    var oldest: String?
    var newest: String?
    var tenants: [Tenant]
    var topModels: [Model]

    enum CodingKeys: String, CodingKey {
        case store, entries, recordBytes = "record_bytes", fileBytes = "file_bytes", mapBytes = "map_bytes"
        case totalHits = "total_hits", lookupHits = "lookup_hits", lookupMisses = "lookup_misses", hitRate = "hit_rate"
        case expiredEntries = "expired_entries", corruptEntries = "corrupt_entries", oldest, newest, tenants
        case topModels = "top_models"
    }

    init(stats: StoreStats, path: String) {
        store = path
        entries = stats.entries
        recordBytes = stats.recordBytes
        fileBytes = stats.fileSizeBytes
        mapBytes = stats.mapSizeBytes
        totalHits = stats.totalHits
        lookupHits = stats.lookupHits
        lookupMisses = stats.lookupMisses
        let lookups = stats.lookupHits + stats.lookupMisses
        hitRate = lookups > 0 ? Double(stats.lookupHits) / Double(lookups) : nil
        expiredEntries = stats.expiredEntries
        corruptEntries = stats.corruptEntries
        oldest = TimeText.iso(stats.oldestCreatedAtMs)
        newest = TimeText.iso(stats.newestCreatedAtMs)
        tenants = stats.tenants.map { Tenant(tenant: $0.tenant, entries: $0.entries, recordBytes: $0.recordBytes) }
        topModels = stats.topModels.map { Model(provider: $0.provider, model: $0.model, entries: $0.entries) }
    }

    var text: String {
        var lines = [
            "store     \(store)",
            "entries   \(entries) (\(TimeText.bytes(recordBytes)) of records, file \(TimeText.bytes(fileBytes)))",
            "hits      \(totalHits) served from stored entries",
            "lookups   \(lookupHits) hits, \(lookupMisses) misses" + (hitRate.map { String(format: " (%.1f%% hit rate)", $0 * 100) } ?? ""),
            "oldest    \(oldest ?? "-")",
            "newest    \(newest ?? "-")",
        ]
        if expiredEntries > 0 { lines.append("expired   \(expiredEntries) (removed by 'aigw cache purge')") }
        if corruptEntries > 0 { lines.append("corrupt   \(corruptEntries) (never served; removed on the next write)") }
        if !tenants.isEmpty {
            lines.append("")
            lines.append(Terminal.table([["TENANT", "ENTRIES", "BYTES"]] + tenants.map {
                [$0.tenant.isEmpty ? "(shared)" : $0.tenant, String($0.entries), TimeText.bytes($0.recordBytes)]
            }, rightAligned: [1, 2]))
        }
        if !topModels.isEmpty {
            lines.append("")
            lines.append(Terminal.table([["PROVIDER", "MODEL", "ENTRIES"]] + topModels.map {
                [$0.provider, $0.model, String($0.entries)]
            }, rightAligned: [2]))
        }
        return lines.joined(separator: "\n")
    }
}

/// One line of `aigw cache ls`.
struct EntrySummary: Encodable {
    var key: String
    var tenant: String
    var provider: String
    var model: String
    var createdAt: String
    var expiresAt: String?
    var hits: Int64
    var responseBytes: Int
    var costUSD: String?

    enum CodingKeys: String, CodingKey {
        case key, tenant, provider, model, createdAt = "created_at", expiresAt = "expires_at", hits
        case responseBytes = "response_bytes", costUSD = "cost_usd"
    }

    init(_ entry: CacheEntry) {
        key = entry.key.hex
        tenant = entry.tenant
        provider = entry.provider
        model = entry.model
        createdAt = TimeText.iso(entry.createdAtMs) ?? "-"
        expiresAt = TimeText.iso(entry.expiresAtMs)
        hits = entry.hitCount
        responseBytes = entry.responseBody.count
        costUSD = entry.cost?.description
    }
}

/// `aigw cache show`: everything about one entry.
struct EntryDetail: Encodable {
    /// The original call's tokens, each kind billed at its own price.
    struct Tokens: Encodable {
        var input: Int
        var output: Int
        var cacheRead: Int
        var cacheWrite: Int

        enum CodingKeys: String, CodingKey { case input, output, cacheRead = "cache_read", cacheWrite = "cache_write" }

        init(_ tokens: BilledTokens) {
            input = tokens.uncachedInput
            output = tokens.output
            cacheRead = tokens.cacheRead
            cacheWrite = tokens.cacheWrite
        }
    }

    var summary: EntrySummary
    var endpoint: String
    var responseFormat: String
    var responseStatus: Int
    var usage: Tokens?
    var lastAccess: String?
    var keyDocument: String
    var response: String

    enum CodingKeys: String, CodingKey {
        case summary = "entry", endpoint, responseFormat = "response_format", responseStatus = "response_status"
        case usage, lastAccess = "last_access", keyDocument = "key_document", response
    }

    init(_ entry: CacheEntry) {
        summary = EntrySummary(entry)
        endpoint = entry.endpoint
        responseFormat = entry.responseFormat.rawValue
        responseStatus = entry.responseStatus
        usage = entry.usage.map(Tokens.init)
        lastAccess = TimeText.iso(entry.lastAccessMs)
        keyDocument = String(decoding: entry.keyDocument, as: UTF8.self)
        response = String(decoding: entry.responseBody, as: UTF8.self)
    }

    var text: String {
        var lines = [
            "key        \(summary.key)",
            "tenant     \(summary.tenant.isEmpty ? "(shared)" : summary.tenant)",
            "provider   \(summary.provider)  endpoint \(endpoint)  model \(summary.model)",
            "created    \(summary.createdAt)",
            "expires    \(summary.expiresAt ?? "never")",
            "last used  \(lastAccess ?? "-")  hits \(summary.hits)",
            "cost       \(summary.costUSD ?? "unknown") (the original call's price; each hit saves it)",
        ]
        if let usage {
            lines.append("usage      input \(usage.input), output \(usage.output), cache read \(usage.cacheRead), cache write \(usage.cacheWrite)")
        }
        lines.append("response   \(responseFormat), status \(responseStatus), \(summary.responseBytes) bytes")
        lines.append("")
        lines.append("key document:")
        lines.append(keyDocument)
        lines.append("response:")
        lines.append(response)
        return lines.joined(separator: "\n")
    }
}
