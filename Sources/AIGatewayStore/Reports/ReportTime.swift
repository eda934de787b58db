import Foundation

/// Times as reports take them, from the command line or a query string: an age back from now
/// (`90s`, `30m`, `12h`, `7d`, `2w`) or a UTC day (`2026-11-29`, meaning its start).
public enum ReportTime {
    /// The seconds an age like `12h` stands for; nil if `text` is not one (or overflows).
    public static func seconds(ofAge text: String) -> Int64? {
        guard let unit = text.last, let count = Int64(text.dropLast()), count >= 0 else { return nil }
        let scale: Int64
        switch unit {
        case "s": scale = 1
        case "m": scale = 60
        case "h": scale = 3_600
        case "d": scale = 86_400
        case "w": scale = 604_800
        default: return nil
        }
        let (product, overflow) = count.multipliedReportingOverflow(by: scale)
        return overflow ? nil : product
    }

    /// Unix milliseconds of an age before `nowMs` or of the start of a UTC day; nil otherwise.
    public static func milliseconds(_ text: String, nowMs: Int64) -> Int64? {
        if let seconds = seconds(ofAge: text) {
            let (millis, overflow) = seconds.multipliedReportingOverflow(by: 1_000)
            return overflow ? nil : nowMs - millis
        }
        return UTCDate.startOfDayMs(text)
    }

    /// The UTC day, `yyyy-MM-dd`, that ``milliseconds(_:nowMs:)`` falls on: the ledger's granularity.
    public static func day(_ text: String, nowMs: Int64) -> String? {
        milliseconds(text, nowMs: nowMs).map { UTCDate(millisecondsSince1970: $0).dayString }
    }

    /// Now, Unix milliseconds.
    public static var nowMs: Int64 { Int64(Date().timeIntervalSince1970 * 1_000) }
}
