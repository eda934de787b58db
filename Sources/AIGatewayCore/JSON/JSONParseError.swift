/// Why a document is not strict JSON, and the byte offset where that was found.
public struct JSONParseError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        /// A byte that cannot appear here; `expected` says what could.
        case unexpectedByte(UInt8, expected: String)
        /// The document ended where `expected` was needed.
        case unexpectedEnd(expected: String)
        case invalidUTF8
        case invalidEscape
        /// A `\uD800`–`\uDFFF` escape without its partner. Well-formed JSON, but no Unicode
        /// text: providers replace or reject it, so its meaning is not ours to guess.
        case loneSurrogate
        case controlCharacterInString(UInt8)
        /// The same key twice in one object (compared as bytes after unescaping). Parsers
        /// disagree on which one wins, so the meaning is ambiguous.
        case duplicateKey(String)
        case tooDeep(limit: Int)
        case tooLarge(limit: Int)
        case invalidNumber(String)
        case trailingData
    }

    /// Byte offset from the start of the document.
    public var offset: Int
    public var kind: Kind

    public init(offset: Int, kind: Kind) {
        self.offset = offset
        self.kind = kind
    }

    /// True for documents that are well-formed but whose meaning is ambiguous: duplicate keys
    /// and lone surrogates. These are forwarded but never cached.
    public var isAmbiguity: Bool {
        switch kind {
        case .duplicateKey, .loneSurrogate: true
        default: false
        }
    }

    public var description: String {
        "invalid JSON at byte \(offset): \(problem)"
    }

    var problem: String {
        switch kind {
        case .unexpectedByte(let byte, let expected):
            "expected \(expected), found \(Self.render(byte))"
        case .unexpectedEnd(let expected):
            "unexpected end of input, expected \(expected)"
        case .invalidUTF8:
            "invalid UTF-8"
        case .invalidEscape:
            "invalid escape sequence in string"
        case .loneSurrogate:
            "lone surrogate escape in string"
        case .controlCharacterInString(let byte):
            "unescaped control character \(Self.render(byte)) in string"
        case .duplicateKey(let key):
            "duplicate object key \"\(key)\""
        case .tooDeep(let limit):
            "nesting deeper than \(limit) levels"
        case .tooLarge(let limit):
            "document larger than \(limit) bytes"
        case .invalidNumber(let reason):
            "invalid number: \(reason)"
        case .trailingData:
            "unexpected data after the document"
        }
    }

    private static func render(_ byte: UInt8) -> String {
        if byte >= 0x21 && byte < 0x7f { return "'\(Character(Unicode.Scalar(byte)))'" }
        let hex = String(byte, radix: 16, uppercase: false)
        return "byte 0x\(hex.count == 1 ? "0" + hex : hex)"
    }
}
