import AIGatewayStore
import Foundation
import Logging

/// A readable one-line shape for development:
///
///     2026-11-29T10:00:00.123Z INFO  request.completed  req=aigw_1 tenant=acme user=u model=gpt-4o-mini provider=openai cache=hit 12ms tokens=100/200 cost=$0.000000 saved=$0.000135
///
/// Request records (``RequestLogRecord``) get short names in a fixed order; any other metadata
/// follows as sorted `key=value`, quoted when it holds spaces. Empty request fields are left out.
public enum ConsoleLogFormat: LogLineFormat {
    public static func render(_ line: LogLine) -> String {
        var rest = line.flatMetadataByKey
        func take(_ key: String) -> String? { rest.removeValue(forKey: key)?.description }
        var writer = Writer(time: line.time, level: line.level, message: line.message)
        writer.requestFields(
            requestID: take(RequestLogKey.requestID), tenant: take(RequestLogKey.tenant), user: take(RequestLogKey.user),
            agent: take(RequestLogKey.agent), model: take(RequestLogKey.model), provider: take(RequestLogKey.provider),
            cache: take(RequestLogKey.cache), latencyMs: take(RequestLogKey.latencyMs),
            inputTokens: take(RequestLogKey.inputTokens), outputTokens: take(RequestLogKey.outputTokens),
            cost: take(RequestLogKey.costUSD), saved: take(RequestLogKey.savedUSD), error: take(RequestLogKey.error)
        )
        // The message already says whether the request succeeded.
        _ = take(RequestLogKey.success)
        for (key, value) in rest.sorted(by: { $0.key < $1.key }) { writer.pair(key, value.description) }
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    /// The same line as ``render(_:)`` of the record's metadata, written from its fields.
    public static func renderBytes(_ record: RequestLogRecord, time: Date, level: Logger.Level, label: String) -> [UInt8] {
        var writer = Writer(time: time, level: level, message: record.message.description)
        writer.requestFields(
            requestID: record.requestID, tenant: record.tenant, user: record.user, agent: record.agent,
            model: record.model, provider: record.provider, cache: record.cache.rawValue,
            latencyMs: String(record.latency.milliseconds),
            inputTokens: String(record.inputTokens), outputTokens: String(record.outputTokens),
            cost: record.costText, saved: record.savedText, error: record.errorMessage
        )
        return writer.bytes
    }

    /// One line being written as UTF-8: the head, then fields, two spaces before the first and
    /// one between the others. Bytes rather than a `String`: every request writes a line, and
    /// appending dozens of small strings was most of its cost.
    struct Writer {
        private(set) var bytes: [UInt8] = []
        private var first = true

        init(time: Date, level: Logger.Level, message: String) {
            bytes.reserveCapacity(320)
            UTCDate(time).appendTimestamp(to: &bytes)
            let name = ConsoleLogFormat.levelName(level)
            bytes.append(UInt8(ascii: " "))
            bytes += name.utf8
            for _ in 0..<max(1, 6 - name.utf8.count) { bytes.append(UInt8(ascii: " ")) }
            bytes += message.utf8
        }

        private mutating func separate() {
            bytes.append(UInt8(ascii: " "))
            if first { bytes.append(UInt8(ascii: " ")) }
            first = false
        }

        /// `name=value`, quoted when needed; left out when empty.
        mutating func field(_ name: StaticString, _ value: String?) {
            guard let value, !value.isEmpty else { return }
            separate()
            name.withUTF8Buffer { bytes += $0 }
            equalsValue(value)
        }

        /// `name=value`, quoted when needed (an empty value as `""`).
        mutating func pair(_ name: String, _ value: String) {
            separate()
            bytes += name.utf8
            equalsValue(value)
        }

        private mutating func equalsValue(_ value: String) {
            bytes.append(UInt8(ascii: "="))
            ConsoleLogFormat.appendQuoted(value, to: &bytes)
        }

        /// `name=$amount`, `name=-$amount` or `name=unknown`.
        private mutating func amount(_ name: StaticString, _ amount: String) {
            separate()
            name.withUTF8Buffer { bytes += $0 }
            bytes.append(UInt8(ascii: "="))
            if amount == "unknown" {
                bytes += amount.utf8
            } else if amount.utf8.first == UInt8(ascii: "-") {
                bytes += "-$".utf8
                bytes += amount.utf8.dropFirst()
            } else {
                bytes.append(UInt8(ascii: "$"))
                bytes += amount.utf8
            }
        }

        mutating func requestFields(
            requestID: String?, tenant: String?, user: String?, agent: String?, model: String?, provider: String?,
            cache: String?, latencyMs: String?, inputTokens: String?, outputTokens: String?,
            cost: String?, saved: String?, error: String?
        ) {
            field("req", requestID)
            field("tenant", tenant)
            field("user", user)
            field("agent", agent)
            field("model", model)
            field("provider", provider)
            field("cache", cache)
            if let latencyMs {
                separate()
                bytes += latencyMs.utf8
                bytes += "ms".utf8
            }
            if inputTokens != nil || outputTokens != nil {
                separate()
                bytes += "tokens=".utf8
                bytes += (inputTokens ?? "-").utf8
                bytes.append(UInt8(ascii: "/"))
                bytes += (outputTokens ?? "-").utf8
            }
            if let cost { amount("cost", cost) }
            if let saved { amount("saved", saved) }
            field("error", error)
        }
    }

    /// Five letters at most, so the message column lines up.
    static func levelName(_ level: Logger.Level) -> String {
        switch level {
        case .trace: "TRACE"
        case .debug: "DEBUG"
        case .info: "INFO"
        case .notice: "NOTE"
        case .warning: "WARN"
        case .error: "ERROR"
        case .critical: "CRIT"
        }
    }

    /// Appends `value`, in double quotes (escaped) when it is empty or holds a space, a quote,
    /// an `=` or a line break, so a line always splits back into its fields.
    static func appendQuoted(_ value: String, to bytes: inout [UInt8]) {
        guard needsQuotes(value) else {
            bytes += value.utf8
            return
        }
        let escaped = value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n")
        bytes.append(UInt8(ascii: "\""))
        bytes += escaped.utf8
        bytes.append(UInt8(ascii: "\""))
    }

    /// Checked on the bytes; only a value with non-ASCII text is checked character by character
    /// (for the Unicode line separators).
    private static func needsQuotes(_ value: String) -> Bool {
        if value.isEmpty { return true }
        for byte in value.utf8 {
            switch byte {
            case 0x20, 0x22, 0x3D, 0x0A...0x0D: return true
            case 0x80...: return value.contains { $0 == " " || $0 == "\"" || $0 == "=" || $0.isNewline }
            default: continue
            }
        }
        return false
    }
}
