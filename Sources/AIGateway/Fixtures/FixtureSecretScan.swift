import AIGatewayCore
import Foundation

/// Refuses fixture content that looks like a credential, naming where it is.
///
/// Filtering in record/replay tools is usually opt-in, so keys end up committed. Here the
/// writer checks every string and member name of the whole file: provider key shapes (`sk-…`,
/// which covers `sk-ant-…` and `sk-proj-…`), `Bearer <token>`, and the exact values of
/// configured secrets (the provider keys the gateway holds, and any the user adds).
struct FixtureSecretScan {
    /// Shorter configured values would match ordinary words; key formats are far longer.
    static let minimumSecretLength = 8
    let secrets: [String]

    /// `secrets` and every value registered with ``SecretRedaction`` (gateway keys, URL
    /// passwords), as the scan is made.
    init(secrets: [String]) {
        self.secrets = (secrets + SecretRedaction.registeredValues).filter { $0.count >= Self.minimumSecretLength }
    }

    /// Throws ``FixtureError/refused(path:reason:)`` at the first suspicious string.
    func check(_ value: JSONValue, at path: String = "") throws(FixtureError) {
        switch value {
        case .string(let string):
            if let reason = problem(in: string.string) { throw .refused(path: Self.displayed(path), reason: reason) }
        case .array(let elements):
            for (index, element) in elements.enumerated() { try check(element, at: "\(path)[\(index)]") }
        case .object(let members):
            for member in members {
                let memberPath = CanonicalDifference.join(path, member.key)
                if let reason = problem(in: member.key.string) {
                    throw .refused(path: Self.displayed(memberPath) + " (the member name)", reason: reason)
                }
                try check(member.value, at: memberPath)
            }
        case .null, .bool, .number:
            return
        }
    }

    /// What looks secret in `text`, without repeating it.
    func problem(in text: String) -> String? {
        if secrets.contains(where: { text.contains($0) }) {
            return "contains the value of a configured secret"
        }
        if SecretRedaction.containsKeyShapedToken(text) {
            return "contains something shaped like an API key ('sk-…')"
        }
        if SecretRedaction.containsBearerToken(text) {
            return "contains a bearer token ('Bearer …')"
        }
        return nil
    }

    private static func displayed(_ path: String) -> String { path.isEmpty ? "(the whole file)" : path }
}
