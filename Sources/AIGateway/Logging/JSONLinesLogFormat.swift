import AIGatewayStore
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
        var bytes = head(time: line.time, level: line.level, message: line.message, label: line.label)
        for (key, value) in line.flatMetadata {
            bytes.append(UInt8(ascii: ","))
            appendQuoted(reservedKeys.contains(key) ? "metadata." + key : key, to: &bytes)
            bytes.append(UInt8(ascii: ":"))
            bytes += json(value).utf8
        }
        bytes.append(UInt8(ascii: "}"))
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The start of every line, `{"timestamp":…,"level":…,"message":…,"label":…`, open for the
    /// members that follow.
    private static func head(time: Date, level: Logger.Level, message: String, label: String) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(512)
        bytes += #"{"timestamp":""#.utf8
        UTCDate(time).appendTimestamp(to: &bytes)
        bytes += #"","level":"#.utf8
        appendQuoted(level.rawValue, to: &bytes)
        bytes += #","message":"#.utf8
        appendQuoted(message, to: &bytes)
        bytes += #","label":"#.utf8
        appendQuoted(label, to: &bytes)
        return bytes
    }

    /// The same line as ``render(_:)`` of the record's metadata, written from its fields in
    /// the sorted order of their keys (`RequestLogTests` compares the two renderings).
    public static func renderBytes(_ record: RequestLogRecord, time: Date, level: Logger.Level, label: String) -> [UInt8] {
        var bytes = head(time: time, level: level, message: record.message.description, label: label)
        func key(_ name: String) {
            bytes += #",""#.utf8
            bytes += name.utf8
            bytes += #"":"#.utf8
        }
        func string(_ name: String, _ value: String) {
            key(name)
            appendQuoted(value, to: &bytes)
        }
        func number(_ name: String, _ value: some BinaryInteger) {
            key(name)
            bytes += String(value).utf8
        }
        string(RequestLogKey.agent, record.agent)
        string(RequestLogKey.cache, record.cache.rawValue)
        string(RequestLogKey.costUSD, record.costText)
        if let error = record.errorMessage { string(RequestLogKey.error, error) }
        number(RequestLogKey.latencyMs, record.latency.milliseconds)
        string(RequestLogKey.model, record.model)
        string(RequestLogKey.provider, record.provider)
        string(RequestLogKey.requestID, record.requestID)
        string(RequestLogKey.savedUSD, record.savedText)
        key(RequestLogKey.success)
        bytes += (record.succeeded ? "true" : "false").utf8
        string(RequestLogKey.tenant, record.tenant)
        number(RequestLogKey.inputTokens, record.inputTokens)
        number(RequestLogKey.outputTokens, record.outputTokens)
        string(RequestLogKey.user, record.user)
        bytes.append(UInt8(ascii: "}"))
        return bytes
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

    /// ``quoted(_:)`` appended to `bytes`; a value with nothing to escape is copied whole.
    static func appendQuoted(_ string: String, to bytes: inout [UInt8]) {
        guard needsEscaping(string) else {
            bytes.append(UInt8(ascii: "\""))
            bytes += string.utf8
            bytes.append(UInt8(ascii: "\""))
            return
        }
        bytes += quoted(string).utf8
    }

    /// Checked on the bytes. 0xE2 starts U+2028 and U+2029, which are escaped, so text with it
    /// takes the slow path.
    private static func needsEscaping(_ string: String) -> Bool {
        string.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 == 0xE2 })
    }

    /// A JSON string literal: quotes, backslashes and control characters escaped; the rest as UTF-8.
    static func quoted(_ string: String) -> String {
        // Most values need no escape: they are copied whole.
        if !needsEscaping(string) {
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
