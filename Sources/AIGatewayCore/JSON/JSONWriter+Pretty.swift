extension JSONWriter {
    /// A readable rendering for people (the CLI's display of canonical forms): two-space
    /// indentation, `": "` after keys, one member or element per line, and the same string
    /// and number forms as the minified text. Not used for keys.
    public static func prettyPrinted(_ value: JSONValue, sortingKeys: Bool = false) -> String {
        String(decoding: prettyBytes(value, sortingKeys: sortingKeys), as: UTF8.self)
    }

    /// ``prettyPrinted(_:sortingKeys:)`` as bytes. With `numbersAsWritten`, numbers keep their
    /// source text (as in ``JSONValue/minifiedAsWritten()``): a fixture shows a provider's
    /// `1.50` as `1.50`, not `1.5`.
    public static func prettyBytes(_ value: JSONValue, sortingKeys: Bool = false, numbersAsWritten: Bool = false) -> [UInt8] {
        var out: [UInt8] = []
        writePretty(value, to: &out, indent: 0, sortingKeys: sortingKeys, numbersAsWritten: numbersAsWritten)
        return out
    }

    private static func writePretty(_ value: JSONValue, to out: inout [UInt8], indent: Int, sortingKeys: Bool, numbersAsWritten: Bool) {
        switch value {
        case .array(let elements) where !elements.isEmpty:
            out.append(UInt8(ascii: "["))
            for (position, element) in elements.enumerated() {
                out.append(contentsOf: position == 0 ? "\n".utf8 : ",\n".utf8)
                appendIndent(indent + 1, to: &out)
                writePretty(element, to: &out, indent: indent + 1, sortingKeys: sortingKeys, numbersAsWritten: numbersAsWritten)
            }
            out.append(UInt8(ascii: "\n"))
            appendIndent(indent, to: &out)
            out.append(UInt8(ascii: "]"))
        case .object(let members) where !members.isEmpty:
            out.append(UInt8(ascii: "{"))
            for (position, member) in ordered(members, sortingKeys: sortingKeys).enumerated() {
                out.append(contentsOf: position == 0 ? "\n".utf8 : ",\n".utf8)
                appendIndent(indent + 1, to: &out)
                writeString(member.key, to: &out)
                out.append(contentsOf: ": ".utf8)
                writePretty(member.value, to: &out, indent: indent + 1, sortingKeys: sortingKeys, numbersAsWritten: numbersAsWritten)
            }
            out.append(UInt8(ascii: "\n"))
            appendIndent(indent, to: &out)
            out.append(UInt8(ascii: "}"))
        case .number where numbersAsWritten:
            value.appendMinifiedAsWritten(to: &out)
        default:
            write(value, to: &out, sortingKeys: sortingKeys)
        }
    }

    private static func appendIndent(_ level: Int, to out: inout [UInt8]) {
        for _ in 0..<(level * 2) { out.append(UInt8(ascii: " ")) }
    }
}
