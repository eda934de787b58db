import AIGateway
import Foundation

/// `aigw cache stats`, as text or JSON.
struct CacheStatsReport: Encodable {
    /// One tenant's entries. `hit_rate` is the share of the tenant's requests served from the
    /// cache, from the usage ledger (all recorded days); nil without recorded requests.
    struct Tenant: Encodable {
        var tenant: String
        var entries: Int
        var recordBytes: Int64
        var hits: Int64
        var requests: Int64
        var hitRate: Double?
        var oldest: String?
        var newest: String?
        var topModels: [Model]

        enum CodingKeys: String, CodingKey {
            case tenant, entries, recordBytes = "record_bytes", hits, requests, hitRate = "hit_rate", oldest, newest
            case topModels = "top_models"
        }

        init(_ stats: StoreStats.TenantStats, usage: LedgerCounters?) {
            tenant = stats.tenant
            entries = stats.entries
            recordBytes = stats.recordBytes
            hits = stats.hits
            requests = usage?.requests ?? 0
            hitRate = usage?.hitRate
            oldest = TimeText.iso(stats.oldestCreatedAtMs)
            newest = TimeText.iso(stats.newestCreatedAtMs)
            topModels = stats.topModels.map { Model(provider: $0.provider, model: $0.model, entries: $0.entries) }
        }
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

    /// `usage`: the ledger's counters per tenant, for the per-tenant hit rates.
    init(stats: StoreStats, path: String, usage: [String: LedgerCounters] = [:]) {
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
        tenants = stats.tenants.map { Tenant($0, usage: usage[$0.tenant]) }
        topModels = stats.topModels.map { Model(provider: $0.provider, model: $0.model, entries: $0.entries) }
    }

    var text: String {
        var lines = [
            "store     \(store)",
            "entries   \(entries) (\(TimeText.bytes(recordBytes)) of records, file \(TimeText.bytes(fileBytes)))",
            "hits      \(totalHits) served from stored entries",
            "lookups   \(lookupHits) hits, \(lookupMisses) misses" + (hitRate.map { " (\(UsageText.percent($0)) hit rate)" } ?? ""),
            "oldest    \(oldest ?? "-")",
            "newest    \(newest ?? "-")",
        ]
        if expiredEntries > 0 { lines.append("expired   \(expiredEntries) (removed by 'aigw cache purge')") }
        if corruptEntries > 0 { lines.append("corrupt   \(corruptEntries) (never served; removed on the next write)") }
        if !tenants.isEmpty {
            lines.append("")
            lines.append(Terminal.table([["TENANT", "ENTRIES", "BYTES", "HITS", "HIT RATE", "OLDEST", "NEWEST", "TOP MODELS"]] + tenants.map {
                [$0.tenant.isEmpty ? "(shared)" : $0.tenant, String($0.entries), TimeText.bytes($0.recordBytes), String($0.hits),
                 UsageText.percent($0.hitRate), $0.oldest ?? "-", $0.newest ?? "-",
                 $0.topModels.map { "\($0.model) (\($0.entries))" }.joined(separator: ", ")]
            }, rightAligned: [1, 2, 3, 4]))
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

