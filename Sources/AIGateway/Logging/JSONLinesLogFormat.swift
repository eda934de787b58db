import Foundation
import Logging

/// One JSON object per line, for production log collectors:
///
///     {"timestamp":"2026-11-29T10:00:00.123Z","level":"info","message":"request.completed","label":"aigw","aigw.cache":"hit",…}
///
/// `timestamp`, `level` (swift-log's lower-case names), `message` and `label` come first; then
/// the metadata, flattened (nested dictionaries become dotted keys) and sorted by key. A metadata
/// key that collides with one of the four is written as `metadata.<key>`. Values are strings,
/// except integers and booleans given as `.stringConvertible` (latency, token counts, success),
/// which are JSON numbers and booleans; arrays are arrays of strings. Money stays a string
/// (`"0.000135"`) so no reader parses it into a `Double`.
public enum JSONLinesLogFormat: LogLineFormat {
    static let reservedKeys: Set<String> = ["timestamp", "level", "message", "label"]

    public static func render(_ line: LogLine) -> String {
        var text = "{\"timestamp\":" + quoted(line.timestamp)
        text += ",\"level\":" + quoted(line.level.rawValue)
        text += ",\"message\":" + quoted(line.message)
        text += ",\"label\":" + quoted(line.label)
        for (key, value) in line.flatMetadata {
            let name = reservedKeys.contains(key) ? "metadata." + key : key
            text += "," + quoted(name) + ":" + json(value)
        }
        return text + "}"
    }

    /// The same line as ``render(_:)`` of the record's metadata, written from its fields in
    /// the sorted order of their keys (`RequestLogTests` compares the two renderings).
    public static func render(_ record: RequestLogRecord, time: Date, level: Logger.Level, label: String) -> String {
        var text = "{\"timestamp\":" + quoted(UTCDate(time).timestamp)
        text.reserveCapacity(512)
        text += ",\"level\":" + quoted(level.rawValue)
        text += ",\"message\":" + quoted(record.message.description)
        text += ",\"label\":" + quoted(label)
        func add(_ key: String, _ json: String) {
            text += ",\""
            text += key
            text += "\":"
            text += json
        }
        add(RequestLogKey.agent, quoted(record.agent))
        add(RequestLogKey.cache, quoted(record.cache.rawValue))
        add(RequestLogKey.costUSD, quoted(record.costText))
        if let error = record.errorMessage { add(RequestLogKey.error, quoted(error)) }
        add(RequestLogKey.latencyMs, String(record.latency.milliseconds))
        add(RequestLogKey.model, quoted(record.model))
        add(RequestLogKey.provider, quoted(record.provider))
        add(RequestLogKey.requestID, quoted(record.requestID))
        add(RequestLogKey.savedUSD, quoted(record.savedText))
        add(RequestLogKey.success, record.succeeded ? "true" : "false")
        add(RequestLogKey.tenant, quoted(record.tenant))
        add(RequestLogKey.inputTokens, String(record.inputTokens))
        add(RequestLogKey.outputTokens, String(record.outputTokens))
        add(RequestLogKey.user, quoted(record.user))
        return text + "}"
    }

    private static func json(_ value: Logger.MetadataValue) -> String {
        switch value {
        case .string(let string):
            return quoted(string)
        case .stringConvertible(let convertible):
            switch convertible {
            case let bool as Bool: return bool ? "true" : "false"
            case let int as Int: return String(int)
            case let int as Int64: return String(int)
            case let int as Int32: return String(int)
            case let int as UInt: return String(int)
            case let int as UInt64: return String(int)
            default: return quoted(convertible.description)
            }
        case .array(let values):
            return "[" + values.map { quoted($0.description) }.joined(separator: ",") + "]"
        case .dictionary:
            // Flattened by `LogLine.flatMetadata` before it gets here.
            return quoted(value.description)
        }
    }

    /// A JSON string literal: quotes, backslashes and control characters escaped; the rest as UTF-8.
    static func quoted(_ string: String) -> String {
        // Most values need no escape: checked on the bytes, they are copied whole. 0xE2 starts
        // U+2028 and U+2029, escaped below, so such text takes the slow path.
        if !string.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 == 0xE2 }) {
            return "\"" + string + "\""
        }
        var out = "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case let control where control.value < 0x20 || (0x2028...0x2029).contains(control.value):
                let hex = String(control.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
