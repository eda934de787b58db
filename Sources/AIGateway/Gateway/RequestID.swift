import Foundation

/// Request ids: `aigw_<unix ms>_<random>`, sortable by time and unique without coordination.
public enum RequestID {
    public static func make(now: Date = Date()) -> String {
        let millis = Int64(now.timeIntervalSince1970 * 1_000)
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789")
        var generator = SystemRandomNumberGenerator()
        let suffix = String((0..<12).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] })
        return "aigw_\(millis)_\(suffix)"
    }

    /// The Unix milliseconds an id made by ``make(now:)`` carries; nil for any other string.
    public static func milliseconds(of id: String) -> Int64? {
        let parts = id.split(separator: "_")
        guard parts.count == 3, parts[0] == "aigw" else { return nil }
        return Int64(parts[1])
    }
}
