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
        var fields: [String] = []
        var rest = line.flatMetadata
        func take(_ key: String) -> String? {
            guard let index = rest.firstIndex(where: { $0.key == key }) else { return nil }
            return rest.remove(at: index).value.description
        }
        func field(_ name: String, _ key: String) {
            if let value = take(key), !value.isEmpty { fields.append(name + "=" + quoted(value)) }
        }
        field("req", RequestLogKey.requestID)
        field("tenant", RequestLogKey.tenant)
        field("user", RequestLogKey.user)
        field("agent", RequestLogKey.agent)
        field("model", RequestLogKey.model)
        field("provider", RequestLogKey.provider)
        field("cache", RequestLogKey.cache)
        if let latency = take(RequestLogKey.latencyMs) { fields.append(latency + "ms") }
        let input = take(RequestLogKey.inputTokens)
        let output = take(RequestLogKey.outputTokens)
        if input != nil || output != nil { fields.append("tokens=\(input ?? "-")/\(output ?? "-")") }
        if let cost = take(RequestLogKey.costUSD) { fields.append("cost=" + dollars(cost)) }
        if let saved = take(RequestLogKey.savedUSD) { fields.append("saved=" + dollars(saved)) }
        // The message already says whether the request succeeded.
        _ = take(RequestLogKey.success)
        field("error", RequestLogKey.error)
        for (key, value) in rest { fields.append(key + "=" + quoted(value.description)) }

        let level = levelName(line.level)
        var text = line.timestamp + " " + level + String(repeating: " ", count: max(1, 6 - level.count)) + line.message
        if !fields.isEmpty { text += "  " + fields.joined(separator: " ") }
        return text
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

    private static func dollars(_ amount: String) -> String {
        amount == "unknown" ? amount : (amount.hasPrefix("-") ? "-$" + String(amount.dropFirst()) : "$" + amount)
    }

    private static func quoted(_ value: String) -> String {
        guard value.isEmpty || value.contains(where: { $0 == " " || $0 == "\"" || $0 == "=" || $0.isNewline }) else {
            return value
        }
        let escaped = value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n")
        return "\"" + escaped + "\""
    }
}
