@testable import AIGateway
import FakeProvider
import Testing

/// The registry is process-wide, so each test registers values of its own, random enough that
/// no other test's text contains them.
@Suite struct SecretRedactionRegistryTests {
    private static func randomValue(_ length: Int = 40) -> String {
        let characters = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        return String((0..<length).map { _ in characters.randomElement()! })
    }

    @Test func aRegisteredValueOfAnyShapeIsRedacted() {
        let value = Self.randomValue()
        #expect(SecretRedaction.redact("refused \(value) here").contains(value))
        SecretRedaction.register(value)
        let redacted = SecretRedaction.redact("refused \(value) here, twice: \(value)")
        #expect(!redacted.contains(value))
        #expect(redacted == "refused [redacted] here, twice: [redacted]")
    }

    @Test func aRegisteredKeyShapedValueKeepsItsPrefix() {
        let value = ["sk", Self.randomValue()].joined(separator: "-")
        SecretRedaction.register(value)
        #expect(SecretRedaction.redact("key: \(value)") == "key: sk-[redacted]")
    }

    @Test func shortValuesAreNotRegistered() {
        let value = String(Self.randomValue(7))
        SecretRedaction.register(value)
        #expect(!SecretRedaction.registeredValues.contains(value))
        #expect(SecretRedaction.redact("x \(value) y") == "x \(value) y")
    }

    @Test func urlCredentialsAreRegisteredAndLeftOutOfTheURL() {
        let password = Self.randomValue(12)
        let url = "http://user:\(password)@127.0.0.1:9/v1"
        #expect(SecretRedaction.urlWithoutCredentials(url) == "http://127.0.0.1:9/v1")
        #expect(SecretRedaction.urlWithoutCredentials("https://api.openai.com/v1") == "https://api.openai.com/v1")
        _ = ProviderSettings.fromEnvironment(["OPENAI_BASE_URL": url])
        #expect(!SecretRedaction.redact("cannot reach \(url)").contains(password))
    }

    @Test func providerKeysFromTheEnvironmentAreRegistered() {
        let key = Self.randomValue()
        _ = ProviderSettings.fromEnvironment(["ANTHROPIC_API_KEY": key])
        #expect(SecretRedaction.registeredValues.contains(key))
    }

    @Test func bytesAreRedactedOnlyWhereAValueOccurs() {
        let value = Self.randomValue()
        SecretRedaction.register(value)
        let clean = Array(#"{"content":"nothing secret"}"#.utf8)
        #expect(SecretRedaction.redactRegistered(clean) == clean)
        let echoed = Array(#"{"content":"\#(value) and \#(value)"}"#.utf8)
        #expect(SecretRedaction.redactRegistered(echoed) == Array(#"{"content":"[redacted] and [redacted]"}"#.utf8))
        #expect(SecretRedaction.containsRegistered(echoed))
    }

    @Test func anEventIsRedactedInItsDataAndItsRawBytes() {
        let value = Self.randomValue()
        SecretRedaction.register(value)
        let event = ServerSentEvent(data: "key \(value)", rawBytes: Array("data: key \(value)\n\n".utf8))
        let redacted = SecretRedaction.redactRegistered(event)
        #expect(redacted.data == "key [redacted]")
        #expect(redacted.rawBytes == Array("data: key [redacted]\n\n".utf8))
    }

    @Test func fixtureScansRefuseRegisteredValues() {
        let value = Self.randomValue()
        SecretRedaction.register(value)
        #expect(FixtureSecretScan(secrets: []).problem(in: "said \(value)") != nil)
    }

    /// A key that its own replacement contains (set to "[redacted]" by someone testing) must
    /// not make the byte redaction loop forever. Replacing it by itself changes nothing else.
    @Test func aValueTheReplacementContainsEndsTheSearch() {
        SecretRedaction.register("[redacted]")
        let bytes = Array("a [redacted] b [redacted]".utf8)
        #expect(SecretRedaction.redactRegistered(bytes) == bytes)
    }
}
