import Foundation

/// The `recorded_at` text of fixtures: UTC, whole seconds, `YYYY-MM-DDTHH:MM:SSZ`.
enum FixtureClock {
    static func text(unixMs: Int64) -> String {
        formatter().string(from: Date(timeIntervalSince1970: Double(unixMs) / 1_000))
    }

    /// Unix seconds of a `recorded_at` text; nil when it is not one.
    static func unixSeconds(_ text: String) -> Int? {
        formatter().date(from: text).map { Int($0.timeIntervalSince1970) }
    }

    /// A new formatter per use: `ISO8601DateFormatter` is not `Sendable`.
    private static func formatter() -> ISO8601DateFormatter {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter
    }
}
