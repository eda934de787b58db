import Foundation

extension KeyDocument {
    /// What a key document says, read back: for turning a stored entry into a fixture.
    public struct Contents: Sendable {
        public var version: Int
        public var scope: CacheScope
        public var request: CanonicalRequest
    }

    /// Reads a document written by ``init(request:scope:upstream:)``; nil when the bytes are
    /// not one (or name a provider this version does not know).
    public static func read(_ bytes: [UInt8]) -> Contents? {
        guard let firstBreak = bytes.firstIndex(of: UInt8(ascii: "\n")) else { return nil }
        let header = String(decoding: bytes[..<firstBreak], as: UTF8.self)
        guard header.hasPrefix("aigw-key "), let version = Int(header.dropFirst("aigw-key ".count)) else { return nil }
        var fields: [(name: String, value: ArraySlice<UInt8>)] = []
        var position = firstBreak + 1
        while position < bytes.count {
            // `name length\n` then exactly `length` bytes and `\n`.
            guard let lineEnd = bytes[position...].firstIndex(of: UInt8(ascii: "\n")) else { return nil }
            let parts = String(decoding: bytes[position..<lineEnd], as: UTF8.self).split(separator: " ")
            guard parts.count == 2, let length = Int(parts[1]), length >= 0, lineEnd + 1 + length < bytes.count,
                  bytes[lineEnd + 1 + length] == UInt8(ascii: "\n") else { return nil }
            fields.append((String(parts[0]), bytes[(lineEnd + 1)..<(lineEnd + 1 + length)]))
            position = lineEnd + 2 + length
        }
        func text(_ name: String) -> String? {
            fields.first { $0.name == name }.map { String(decoding: $0.value, as: UTF8.self) }
        }
        let scope: CacheScope
        if let shared = text("shared") {
            scope = .shared(shared)
        } else if let tenant = text("tenant") {
            scope = .tenant(tenant, namespace: text("namespace"))
        } else {
            return nil
        }
        guard let provider = text("provider").flatMap(Provider.init(rawValue:)), let endpoint = text("endpoint"),
              let body = fields.first(where: { $0.name == "body" }).map({ Array($0.value) }) else { return nil }
        let headers = fields.filter { $0.name == "header" }.compactMap { field -> KeyedHeader? in
            let line = String(decoding: field.value, as: UTF8.self)
            guard let separator = line.range(of: ": ") else { return nil }
            return KeyedHeader(name: String(line[..<separator.lowerBound]), value: String(line[separator.upperBound...]))
        }
        let model = (try? JSONParser.parse(body))?["model"]?.stringValue ?? ""
        return Contents(version: version, scope: scope,
                        request: CanonicalRequest(provider: provider, endpoint: endpoint, model: model, headers: headers,
                                                  body: body, wantsStream: false))
    }
}
