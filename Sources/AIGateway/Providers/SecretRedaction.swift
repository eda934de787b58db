import Foundation

/// Removes things that look like API keys from text that may reach a log, an error or a file.
///
/// Providers echo part of a rejected key in their 401 messages (`Incorrect API key provided:
/// sk-abc…xyz`), and a misconfigured client can put a key anywhere; the gateway never repeats one.
public enum SecretRedaction {
    /// Prefixes of provider key formats: OpenAI (`sk-`, `sk-proj-`), Anthropic (`sk-ant-`).
    static let keyPrefixes = ["sk-"]
    static let minimumSecretLength = 8

    public static func redact(_ text: String) -> String {
        var output = ""
        var rest = Substring(text)
        while let range = rest.range(of: "sk-") {
            output += rest[..<range.lowerBound]
            var end = range.upperBound
            while end < rest.endIndex, isKeyCharacter(rest[end]) { end = rest.index(after: end) }
            let tokenLength = rest.distance(from: range.upperBound, to: end)
            output += tokenLength >= minimumSecretLength ? "sk-[redacted]" : String(rest[range.lowerBound..<end])
            rest = rest[end...]
        }
        output += rest
        return redactBearer(output)
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
    static func containsKeyShapedToken(_ text: String) -> Bool {
        var rest = Substring(text)
        while let range = rest.range(of: "sk-") {
            var end = range.upperBound
            while end < rest.endIndex, isKeyCharacter(rest[end]) { end = rest.index(after: end) }
            if rest.distance(from: range.upperBound, to: end) >= minimumSecretLength { return true }
            rest = rest[end...]
        }
        return false
    }

    /// Whether `text` holds `Bearer <token>` with a token of 8 or more characters, letters and
    /// digits both. Stricter than ``redact(_:)`` (which hides any word after "bearer"), so that
    /// prose ("the bearer of the letter") and placeholders (`Bearer $OPENAI_API_KEY`) in an
    /// answer about HTTP are not taken for credentials; generated tokens mix letters and digits.
    static func containsBearerToken(_ text: String) -> Bool {
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
