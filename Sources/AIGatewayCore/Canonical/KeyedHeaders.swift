/// Picks the behaviour-changing headers out of a request's headers, in canonical form.
///
/// Only these select different behaviour at the provider: an API version, beta features.
/// Everything else (auth, user agent, tracing) must stay out of the key — an API key in the
/// key would also leak a secret into every stored entry.
enum KeyedHeaders {
    static let keyed = Set(Provider.allCases.flatMap(\.keyedHeaderNames))
    /// Headers whose value is a comma-separated set of names.
    static let lists: Set<String> = ["anthropic-beta"]

    static func canonical(_ headers: [(name: String, value: String)]) throws(CanonicalizationError) -> [KeyedHeader] {
        var values: [String: [String]] = [:]
        for header in headers {
            let name = asciiLowercased(header.name)
            guard keyed.contains(name) else { continue }
            values[name, default: []].append(header.value)
        }
        var out: [KeyedHeader] = []
        for (name, occurrences) in values {
            let value: String
            if lists.contains(name) {
                // Repeated list headers combine, as HTTP defines.
                let items = occurrences.flatMap { $0.split(separator: ",").map { trimmed(String($0)) } }
                let unique = Set(items.filter { !$0.isEmpty }.map { JSONString($0) }).sorted()
                value = unique.map(\.string).joined(separator: ",")
            } else {
                let distinct = Set(occurrences.map { JSONString(trimmed($0)) })
                guard distinct.count == 1, let only = distinct.first else {
                    throw .notCacheable(reason: "header \(name) is given with different values")
                }
                value = only.string
            }
            if !value.isEmpty { out.append(KeyedHeader(name: name, value: value)) }
        }
        return out
    }

    private static func asciiLowercased(_ text: String) -> String {
        String(decoding: text.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }, as: UTF8.self)
    }

    /// HTTP optional whitespace only: spaces and tabs.
    private static func trimmed(_ text: String) -> String {
        let bytes = Array(text.utf8)
        let isSpace: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 }
        guard let first = bytes.firstIndex(where: { !isSpace($0) }), let last = bytes.lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(decoding: bytes[first...last], as: UTF8.self)
    }
}
