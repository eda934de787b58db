import AIGateway
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Prints request-log records as they arrive: text lines with fixed-width columns (a stream
/// cannot be measured in advance to align as a table), or JSON Lines.
struct LogPrinter {
    var json: Bool
    private let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    init(json: Bool) {
        self.json = json
    }

    func print(_ record: LoggedRequest) {
        if json {
            let data = (try? encoder.encode(record)) ?? Data("{}".utf8)
            Swift.print(String(decoding: data, as: UTF8.self))
        } else {
            Swift.print(Self.line(record.entry))
        }
    }

    /// Pipes are block-buffered: without this a follower's reader would see nothing for a while.
    func flush() {
        // nil: every output stream, which avoids touching the global `stdout` from Swift 6 code.
        fflush(nil)
    }

    /// `2026-11-29T10:00:00.123Z  acme  openai  gpt-4o-mini  hit   200   12.3 ms  in 18 out 3  $0.00  saved $0.000005  <request id>`
    static func line(_ entry: RequestLogEntry) -> String {
        var fields = [
            entry.timestamp,
            padded(entry.tenant.isEmpty ? "-" : entry.tenant, 12),
            padded(entry.provider, 9),
            padded(entry.model, 26),
            padded(entry.cache.rawValue, 6),
            String(entry.status),
            padded(String(format: "%.1f ms", entry.latencyMs), 10, right: true),
            "in \(entry.tokens.totalInput) out \(entry.tokens.output)",
            "cost " + (entry.cost?.description ?? "unknown"),
        ]
        if entry.cache == .hit { fields.append("saved " + (entry.saved?.description ?? "unknown")) }
        fields.append(entry.requestID)
        if let error = entry.errorMessage { fields.append("error: " + error) }
        return fields.joined(separator: "  ")
    }

    private static func padded(_ text: String, _ width: Int, right: Bool = false) -> String {
        let padding = String(repeating: " ", count: max(0, width - text.count))
        return right ? padding + text : text + padding
    }
}
