import Foundation
import Synchronization

/// Request ids: `aigw_<unix ms>_<random>`, sortable by time and unique without coordination.
public enum RequestID {
    private static let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789".utf8)

    /// Drawn once per process from the system generator.
    private static let seed: UInt64 = {
        var generator = SystemRandomNumberGenerator()
        return generator.next()
    }()
    private static let counter = Atomic<UInt64>(0)

    /// Every request makes one, so no system call: the twelve random characters come from the
    /// process's random seed plus a counter, mixed by SplitMix64 (a bijection, so two ids of one
    /// process differ before they are cut to 12 base-36 digits, about 62 bits).
    public static func make(now: Date = Date()) -> String {
        let millis = Int64(now.timeIntervalSince1970 * 1_000)
        let count = counter.wrappingAdd(1, ordering: .relaxed).newValue
        var bits = splitMix64(seed &+ count &* 0x9E37_79B9_7F4A_7C15)
        var suffix = [UInt8](repeating: 0, count: 12)
        for index in suffix.indices {
            suffix[index] = alphabet[Int(bits % 36)]
            bits /= 36
        }
        return "aigw_\(millis)_" + String(decoding: suffix, as: UTF8.self)
    }

    private static func splitMix64(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// The Unix milliseconds an id made by ``make(now:)`` carries; nil for any other string.
    public static func milliseconds(of id: String) -> Int64? {
        let parts = id.split(separator: "_")
        guard parts.count == 3, parts[0] == "aigw" else { return nil }
        return Int64(parts[1])
    }
}
