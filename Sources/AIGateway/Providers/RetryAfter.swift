import Foundation

/// The wait a provider asks for in a 429 or 503, from `retry-after-ms` (OpenAI, milliseconds)
/// or `Retry-After` (seconds or an HTTP date).
enum RetryAfter {
    static func wait(fromHeaders header: (String) -> String?, now: Date = Date()) -> Duration? {
        if let text = header("retry-after-ms"), let milliseconds = Double(text.trimmingCharacters(in: .whitespaces)),
            milliseconds.isFinite, milliseconds >= 0
        {
            return .nanoseconds(Int64(milliseconds * 1e6))
        }
        guard let text = header("retry-after")?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
        if let seconds = Double(text), seconds.isFinite, seconds >= 0 {
            return .nanoseconds(Int64(seconds * 1e9))
        }
        guard let date = httpDate(text) else { return nil }
        return .nanoseconds(Int64(max(0, date.timeIntervalSince(now)) * 1e9))
    }

    /// IMF-fixdate, the only form RFC 9110 lets senders use (`Sun, 06 Nov 1994 08:49:37 GMT`).
    static func httpDate(_ text: String) -> Date? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        return formatter.date(from: text)
    }
}
