extension JSONValue {
    /// Minified text in member order, like ``JSONWriter/minified(_:sortingKeys:)``, but with every
    /// number as its ``JSONNumber/text`` instead of its canonical text.
    ///
    /// For passing on a document's own values exactly as they were sent: a provider's tool input
    /// keeps `1.50` and `2e3`, where the canonical form would write `1.5` and `2000`. Strings are
    /// escaped as ``JSONWriter/writeString(_:to:)`` escapes them.
    public func minifiedAsWritten() -> [UInt8] {
        var out: [UInt8] = []
        appendMinifiedAsWritten(to: &out)
        return out
    }

    /// ``minifiedAsWritten()`` as a `String`.
    public var minifiedTextAsWritten: String {
        String(decoding: minifiedAsWritten(), as: UTF8.self)
    }

    /// Appends ``minifiedAsWritten()``.
    public func appendMinifiedAsWritten(to out: inout [UInt8]) {
        switch self {
        case .number(let number):
            out.append(contentsOf: number.text.utf8)
        case .array(let elements):
            out.append(UInt8(ascii: "["))
            for (position, element) in elements.enumerated() {
                if position > 0 { out.append(UInt8(ascii: ",")) }
                element.appendMinifiedAsWritten(to: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            out.append(UInt8(ascii: "{"))
            for (position, member) in members.enumerated() {
                if position > 0 { out.append(UInt8(ascii: ",")) }
                JSONWriter.writeString(member.key, to: &out)
                out.append(UInt8(ascii: ":"))
                member.value.appendMinifiedAsWritten(to: &out)
            }
            out.append(UInt8(ascii: "}"))
        case .null, .bool, .string:
            JSONWriter.write(self, to: &out)
        }
    }
}
