import AIGatewayCore
import Foundation

/// A UTC calendar date and time of day, computed arithmetically from the Unix epoch.
///
/// Why not `Calendar` or `ISO8601DateFormatter`: the ledger names a day for every recorded event
/// and the log handlers stamp every line; the proleptic Gregorian arithmetic below (H. Hinnant's
/// `civil_from_days`) is exact, allocation-free and needs no locale or time-zone database.
package struct UTCDate: Sendable, Equatable {
    var year: Int
    var month: Int
    var day: Int
    var hour: Int
    var minute: Int
    var second: Int
    var millisecond: Int

    package init(_ date: Date) {
        self.init(millisecondsSince1970: Int64((date.timeIntervalSince1970 * 1000).rounded(.down)))
    }

    init(millisecondsSince1970 ms: Int64) {
        let (days, msOfDay) = Self.floorDivide(ms, 86_400_000)
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        self.year = Int(yearOfEra + era * 400 + (month <= 2 ? 1 : 0))
        self.month = Int(month)
        self.day = Int(day)
        self.hour = Int(msOfDay / 3_600_000)
        self.minute = Int(msOfDay / 60_000 % 60)
        self.second = Int(msOfDay / 1000 % 60)
        self.millisecond = Int(msOfDay % 1000)
    }

    /// `2026-11-29`.
    var dayString: String {
        Self.text { bytes in appendDay(to: &bytes) }
    }

    /// `2026-11-29T10:00:00.123Z`.
    var timestamp: String {
        Self.text { bytes in appendTimestamp(to: &bytes) }
    }

    /// Appends ``timestamp``'s text: every log line starts with one, written straight into the
    /// line's bytes.
    package func appendTimestamp(to bytes: inout [UInt8]) {
        appendDay(to: &bytes)
        Self.append(hour, width: 2, before: "T", to: &bytes)
        Self.append(minute, width: 2, before: ":", to: &bytes)
        Self.append(second, width: 2, before: ":", to: &bytes)
        Self.append(millisecond, width: 3, before: ".", to: &bytes)
        bytes.append(UInt8(ascii: "Z"))
    }

    /// RFC 9110's IMF-fixdate, `Sun, 29 Nov 2026 17:55:44 GMT`: the HTTP `Date` header.
    package static func httpDate(secondsSince1970 seconds: Int64) -> String {
        let date = UTCDate(millisecondsSince1970: seconds * 1000)
        let weekday = Int((floorDivide(seconds, 86_400).0 % 7 + 7) % 7)  // day 0, 1970-01-01, was a Thursday
        return text { bytes in
            bytes += weekdayNames[weekday].utf8
            bytes += ", ".utf8
            append(date.day, width: 2, to: &bytes)
            bytes.append(UInt8(ascii: " "))
            bytes += monthNames[date.month - 1].utf8
            append(date.year, width: 4, before: " ", to: &bytes)
            append(date.hour, width: 2, before: " ", to: &bytes)
            append(date.minute, width: 2, before: ":", to: &bytes)
            append(date.second, width: 2, before: ":", to: &bytes)
            bytes += " GMT".utf8
        }
    }

    private static let weekdayNames = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"]
    private static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    private func appendDay(to bytes: inout [UInt8]) {
        Self.append(year, width: 4, to: &bytes)
        Self.append(month, width: 2, before: "-", to: &bytes)
        Self.append(day, width: 2, before: "-", to: &bytes)
    }

    private static func text(_ write: (inout [UInt8]) -> Void) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(24)
        write(&bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `separator`, then `value` as ``append(_:width:to:)`` writes it.
    private static func append(_ value: Int, width: Int, before separator: Unicode.Scalar, to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: separator))
        append(value, width: width, to: &bytes)
    }

    private static func padded(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }

    /// `value` zero-padded to `width` digits; a value past the width (a year past 9999) is
    /// written in full, and one before year 0 as ``padded(_:_:)`` writes it.
    private static func append(_ value: Int, width: Int, to bytes: inout [UInt8]) {
        guard value >= 0 else {
            bytes.append(contentsOf: padded(value, width).utf8)
            return
        }
        DecimalDigits.append(UInt64(value), width: width, to: &bytes)
    }

    private static func floorDivide(_ value: Int64, _ divisor: Int64) -> (Int64, Int64) {
        let quotient = value / divisor
        let remainder = value % divisor
        return remainder < 0 ? (quotient - 1, remainder + divisor) : (quotient, remainder)
    }
}
