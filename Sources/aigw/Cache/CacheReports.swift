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
