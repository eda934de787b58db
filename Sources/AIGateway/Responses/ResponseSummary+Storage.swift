import Foundation

extension ResponseSummary {
    /// Compact JSON with sorted keys, so equal summaries always give equal bytes. Absent
    /// optionals are left out rather than written as `null`.
    public func encoded() -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        do {
            return Array(try encoder.encode(self))
        } catch {
            // Only strings, integers, arrays and nested structs of them: nothing here can fail.
            preconditionFailure("ResponseSummary failed to encode: \(error)")
        }
    }

    /// Reads bytes written by ``encoded()``.
    public init(decoding bytes: [UInt8]) throws(ResponseDecodingError) {
        do {
            self = try JSONDecoder().decode(ResponseSummary.self, from: Data(bytes))
        } catch {
            throw .invalidStoredSummary(ResponseDecodingError.excerpt(String(describing: error)))
        }
    }
}
