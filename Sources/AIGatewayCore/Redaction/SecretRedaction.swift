import Foundation

/// Removes secrets from text that may reach a client, a log, an error or a file: every value
/// registered with ``register(_:)-(Sequence<String>)`` (the keys and passwords the process
/// holds, whatever their shape), then anything shaped like a provider key or a bearer token.
///
/// Providers echo part of a rejected key in their 401 messages (`Incorrect API key provided:
/// sk-abc…xyz`), an upstream may echo a whole one, and a misconfigured client can put a key
/// anywhere; the gateway never repeats one.
public enum SecretRedaction {
    /// Prefixes of provider key formats: OpenAI (`sk-`, `sk-proj-`), Anthropic (`sk-ant-`).
    static let keyPrefixes = ["sk-"]
    static let minimumSecretLength = 8

    /// `text` without registered values, key shapes and bearer tokens.
    public static func redact(_ text: String) -> String {
        let text = Substring(redactRegistered(text))
        var output = ""
        var copied = text.startIndex
        for token in keyTokens(in: text) {
            output += text[copied..<token.range.lowerBound]
            output += token.isKey ? "sk-[redacted]" : String(text[token.range])
            copied = token.range.upperBound
        }
        output += text[copied...]
        return redactBearer(output)
    }

    /// Every `sk-` token of `text` (the prefix and the key characters after it), and whether it
    /// is long enough to be taken for a key.
    private static func keyTokens(in text: Substring) -> [(range: Range<Substring.Index>, isKey: Bool)] {
        var tokens: [(range: Range<Substring.Index>, isKey: Bool)] = []
        var rest = text
        while let range = rest.range(of: "sk-") {
            var end = range.upperBound
            while end < rest.endIndex, isKeyCharacter(rest[end]) { end = rest.index(after: end) }
            tokens.append((range.lowerBound..<end, rest.distance(from: range.upperBound, to: end) >= minimumSecretLength))
            rest = rest[end...]
        }
        return tokens
    }

    /// `Bearer <token>` becomes `Bearer [redacted]`, whatever the token looks like.
    private static func redactBearer(_ text: String) -> String {
        var output = ""
        var rest = Substring(text)
        while let range = rest.range(of: "Bearer ", options: .caseInsensitive) {
            output += rest[..<range.upperBound]
            var end = range.upperBound
            while end < rest.endIndex, !rest[end].isWhitespace, rest[end] != "\"" { end = rest.index(after: end) }
            output += end > range.upperBound ? "[redacted]" : ""
            rest = rest[end...]
        }
        return output + rest
    }

    /// Whether `text` holds a token ``redact(_:)`` would hide as a key (`sk-` and 8 or more key
    /// characters). For refusing to write, not for rewriting.
    package static func containsKeyShapedToken(_ text: String) -> Bool {
        keyTokens(in: Substring(text)).contains { $0.isKey }
    }

    /// Whether `text` holds `Bearer <token>` with a token of 8 or more characters, letters and
    /// digits both. Stricter than ``redact(_:)`` (which hides any word after "bearer"), so that
    /// prose ("the bearer of the letter") and placeholders (`Bearer $OPENAI_API_KEY`) in an
    /// answer about HTTP are not taken for credentials; generated tokens mix letters and digits.
    package static func containsBearerToken(_ text: String) -> Bool {
        var rest = Substring(text)
        while let range = rest.range(of: "Bearer ") {
            let token = rest[range.upperBound...].prefix { !$0.isWhitespace && $0 != "\"" && $0 != "'" }
            if token.count >= minimumSecretLength, token.contains(where: \.isNumber), token.contains(where: \.isLetter) { return true }
            rest = rest[range.upperBound...]
        }
        return false
    }

    private static func isKeyCharacter(_ character: Character) -> Bool {
        character.isASCII && (character.isLetter || character.isNumber || character == "-" || character == "_" || character == "*" || character == ".")
    }
}
