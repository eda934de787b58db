import Foundation
import Synchronization

/// The secret values this process holds, so that ``SecretRedaction`` can hide them whatever
/// their shape.
///
/// Key shapes (`sk-…`) catch only some providers' keys; a self-hosted server's key, a gateway
/// key or the password in `http://user:PASSWORD@host/v1` can look like anything, and an
/// upstream that echoes its request (a proxy, an error page quoting the headers) sends it back
/// verbatim. Every string that leaves the process passes through ``SecretRedaction/redact(_:)``
/// from many places (errors, logs, the request log, fixtures), several of which are built
/// without access to the gateway's configuration. A process-wide registry fed where the values
/// are loaded (``ProviderSettings``, ``ProviderClient``, the server's gateway keys) reaches all of
/// them without threading the configuration through every error and log line; values are only
/// ever added, and a secret of one gateway is a secret to every gateway in the process.
extension SecretRedaction {
    /// Values shorter than this would match ordinary words; real credentials are far longer.
    public static let minimumRegisteredLength = 8

    private struct Registered: Sendable {
        /// Longest first, so a value that contains another is replaced whole.
        var values: [String] = []
        var byteValues: [[UInt8]] = []
    }

    private static let registered = Mutex(Registered())

    /// Adds `values` to the secrets every redaction hides. Empty and short values are ignored.
    public static func register(_ values: some Sequence<String>) {
        let usable = values.filter { $0.utf8.count >= minimumRegisteredLength }
        guard !usable.isEmpty else { return }
        registered.withLock { registered in
            var all = Set(registered.values)
            all.formUnion(usable)
            registered.values = all.sorted { $0.utf8.count > $1.utf8.count || ($0.utf8.count == $1.utf8.count && $0 < $1) }
            registered.byteValues = registered.values.map { Array($0.utf8) }
        }
    }

    /// Registers one value (see ``register(_:)-(Sequence<String>)``).
    public static func register(_ value: String?) {
        if let value { register([value]) }
    }

    /// Registers the user name and password of a URL's userinfo (`http://user:PASSWORD@host`).
    public static func register(credentialsOf url: String) {
        guard let userinfo = userinfo(of: url) else { return }
        register(userinfo.split(separator: ":", maxSplits: 1).map(String.init) + [String(userinfo)])
    }

    /// The secret values registered so far (for scanning, e.g. fixtures), longest first.
    public static var registeredValues: [String] {
        registered.withLock { $0.values }
    }

    /// `url` without its userinfo: `http://user:pass@host/v1` → `http://host/v1`. For messages
    /// that name an upstream, so a password of any length never appears in them.
    public static func urlWithoutCredentials(_ url: String) -> String {
        guard let userinfo = userinfo(of: url), let range = url.range(of: userinfo + "@") else { return url }
        return url.replacingCharacters(in: range, with: "")
    }

    private static func userinfo(of url: String) -> Substring? {
        guard let scheme = url.range(of: "://") else { return nil }
        let authority = url[scheme.upperBound...].prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        guard let at = authority.lastIndex(of: "@") else { return nil }
        return authority[..<at]
    }

    /// Replaces every registered value in `text`: an `sk-` value keeps its prefix, so the
    /// result reads like a redacted key shape.
    static func redactRegistered(_ text: String) -> String {
        let values = registered.withLock { $0.values }
        guard !values.isEmpty else { return text }
        var text = text
        for value in values where text.contains(value) {
            text = text.replacing(value, with: value.hasPrefix("sk-") ? "sk-[redacted]" : "[redacted]")
        }
        return text
    }

    /// `bytes` with every registered value replaced by `[redacted]`; the same array, uncopied,
    /// when none occurs (the usual case). For what an upstream sends on a miss (JSON bodies, SSE
    /// events, header values), before it is forwarded, stored or recorded: an upstream that
    /// echoes the gateway's key must not hand it on. Only registered values are searched: a
    /// key shape in an answer is often the answer (code that shows `sk-…` placeholders).
    public static func redactRegistered(_ bytes: [UInt8]) -> [UInt8] {
        let values = registered.withLock { $0.byteValues }
        guard !values.isEmpty else { return bytes }
        var bytes = bytes
        for value in values {
            let replacement: [UInt8] = value.starts(with: Array("sk-".utf8)) ? Array("sk-[redacted]".utf8) : Array("[redacted]".utf8)
            // Searched on after each replacement, so a value that the replacement contains (a key
            // set to "[redacted]") cannot loop forever.
            var from = 0
            while let offset = ByteSearch.firstOffset(of: value, in: bytes, from: from) {
                bytes.replaceSubrange(offset..<(offset + value.count), with: replacement)
                from = offset + replacement.count
            }
        }
        return bytes
    }

    /// Whether `bytes` contain any registered value.
    public static func containsRegistered(_ bytes: [UInt8]) -> Bool {
        registered.withLock { $0.byteValues }.contains { ByteSearch.firstOffset(of: $0, in: bytes) != nil }
    }

    /// `event` with registered values replaced in its data and its raw bytes.
    public static func redactRegistered(_ event: ServerSentEvent) -> ServerSentEvent {
        let raw = redactRegistered(event.rawBytes)
        let data = redactRegistered(event.data)
        guard raw != event.rawBytes || data != event.data else { return event }
        var redacted = event
        redacted.rawBytes = raw
        redacted.data = data
        return redacted
    }
}
