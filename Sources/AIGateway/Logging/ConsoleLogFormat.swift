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
        var writer = Writer(timestamp: line.timestamp, level: line.level, message: line.message)
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
        return writer.text
    }

    /// The same line as ``render(_:)`` of the record's metadata, written from its fields.
    public static func render(_ record: RequestLogRecord, time: Date, level: Logger.Level, label: String) -> String {
        var writer = Writer(timestamp: UTCDate(time).timestamp, level: level, message: record.message.description)
        writer.requestFields(
            requestID: record.requestID, tenant: record.tenant, user: record.user, agent: record.agent,
            model: record.model, provider: record.provider, cache: record.cache.rawValue,
            latencyMs: String(record.latency.milliseconds),
            inputTokens: String(record.inputTokens), outputTokens: String(record.outputTokens),
            cost: record.costText, saved: record.savedText, error: record.errorMessage
        )
        return writer.text
    }

    /// One line being written: the head, then fields, two spaces before the first and one between
    /// the others.
    struct Writer {
        private(set) var text: String
        private var separator = "  "

        init(timestamp: String, level: Logger.Level, message: String) {
            let name = ConsoleLogFormat.levelName(level)
            text = timestamp
            text.reserveCapacity(320)
            text += " " + name
            for _ in 0..<max(1, 6 - name.utf8.count) { text += " " }
            text += message
        }

        mutating func append(_ field: String) {
            text += separator
            text += field
            separator = " "
        }

        /// `name=value`, quoted when needed; left out when empty.
        mutating func field(_ name: String, _ value: String?) {
            guard let value, !value.isEmpty else { return }
            pair(name, value)
        }

        /// `name=value`, quoted when needed (an empty value as `""`).
        mutating func pair(_ name: String, _ value: String) {
            text += separator
            text += name
            text += "="
            ConsoleLogFormat.appendQuoted(value, to: &text)
            separator = " "
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
            if let latencyMs { append(latencyMs + "ms") }
            if inputTokens != nil || outputTokens != nil {
                append("tokens=" + (inputTokens ?? "-") + "/" + (outputTokens ?? "-"))
            }
            if let cost { append("cost=" + ConsoleLogFormat.dollars(cost)) }
            if let saved { append("saved=" + ConsoleLogFormat.dollars(saved)) }
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

    static func dollars(_ amount: String) -> String {
        amount == "unknown" ? amount : (amount.hasPrefix("-") ? "-$" + String(amount.dropFirst()) : "$" + amount)
    }

    /// Appends `value`, in double quotes (escaped) when it is empty or holds a space, a quote,
    /// an `=` or a line break, so a line always splits back into its fields.
    static func appendQuoted(_ value: String, to text: inout String) {
        guard needsQuotes(value) else {
            text += value
            return
        }
        let escaped = value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n")
        text += "\"" + escaped + "\""
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
