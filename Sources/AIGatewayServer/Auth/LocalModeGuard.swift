import Foundation
import HTTPTypes

/// What local mode (no config file, so no gateway key) refuses: requests a web page in the
/// operator's browser could send. Such a page can reach a loopback server two ways: by DNS
/// rebinding (its own name resolving to 127.0.0.1, so the browser sends `Host: attacker.example`
/// and lets the page read the answers), or by a cross-origin "simple" request (a form or `fetch`
/// with `Content-Type: text/plain`, which no browser preflights). Either could spend the
/// operator's provider credit or read the request log. So local mode accepts only loopback
/// `Host` names (and the configured `--host`), no `Origin` but a loopback one, and POST bodies
/// declared as JSON; curl's form type, or no type, only without an `Origin`, since a browser
/// always sends one with a cross-origin POST.
struct LocalModeGuard: Sendable {
    /// Host names besides the loopback ones that requests may name: the `--host` the server
    /// listens on, lower case, IPv6 addresses in brackets as they appear in `Host`.
    private let acceptedHosts: Set<String>

    init(configuredHost: String) {
        var host = configuredHost.lowercased()
        if host.contains(":"), !host.hasPrefix("[") { host = "[\(host)]" }
        acceptedHosts = Self.loopbackHosts.union([host])
    }

    private static let loopbackHosts: Set<String> = ["127.0.0.1", "localhost", "[::1]"]

    /// Why `head` is refused, or nil when it may go on.
    func refusal(for head: HTTPRequest) -> ServerError? {
        // HTTP/1.1's `Host` is the request's authority here. A request without one came from no
        // browser (they always send it).
        if let authority = head.authority, !acceptedHosts.contains(Self.hostName(ofAuthority: authority)) {
            return .foreignOrigin("this gateway runs in local mode and answers only requests addressed to 127.0.0.1, "
                + "localhost or [::1] (or its --host), not '\(Self.shortened(authority))'; run it with --config to serve other names")
        }
        let origin = head.headerFields[.origin]
        if let origin, !isLoopback(origin: origin) {
            return .foreignOrigin("this gateway runs in local mode and refuses requests from web pages that are not on "
                + "loopback (Origin: \(Self.shortened(origin))); run it with --config and gateway keys to serve them")
        }
        if head.method == .post {
            let mediaType = head.headerFields[.contentType].map(Self.mediaType)
            let isJSON = mediaType.map { $0 == "application/json" || ($0.hasPrefix("application/") && $0.hasSuffix("+json")) } ?? false
            let isCurlDefault = mediaType == nil || mediaType == "application/x-www-form-urlencoded"
            if !isJSON, !(isCurlDefault && origin == nil) {
                return .unsupportedMediaType("this gateway runs in local mode and takes JSON bodies only: send "
                    + "'Content-Type: application/json' (got \(mediaType.map { "'\(Self.shortened($0))'" } ?? "none"))")
            }
        }
        return nil
    }

    /// An `Origin` (`scheme://host[:port]`) on an accepted host; `null` and anything else are not.
    private func isLoopback(origin: String) -> Bool {
        let lowered = origin.lowercased()
        guard let separator = lowered.range(of: "://") else { return false }
        let scheme = lowered[..<separator.lowerBound]
        guard scheme == "http" || scheme == "https" else { return false }
        let authority = lowered[separator.upperBound...].prefix { $0 != "/" }
        return acceptedHosts.contains(Self.hostName(ofAuthority: authority))
    }

    /// The host of `host[:port]` or `[v6]:port`, lower case.
    static func hostName(ofAuthority authority: some StringProtocol) -> String {
        let lowered = authority.lowercased()
        if lowered.hasPrefix("["), let close = lowered.firstIndex(of: "]") {
            return String(lowered[...close])
        }
        return String(lowered.prefix { $0 != ":" })
    }

    /// `type/subtype` without parameters, lower case.
    private static func mediaType(_ contentType: String) -> String {
        String(contentType.prefix { $0 != ";" }).trimmingWhitespace().lowercased()
    }

    /// A client's value, kept short in a message.
    private static func shortened(_ value: String) -> String {
        value.count > 100 ? String(value.prefix(100)) + "…" : value
    }
}
