/// The one byte document whose XXH3-128 is a request's ``CacheKey``.
///
/// Every field is written as `name length\nbytes\n`, so no two different field lists can
/// produce the same bytes, whatever the fields contain (a tenant id with a newline, a body
/// that looks like a header). The document is also what an entry stores and compares on
/// every hit, so a hash collision or a changed rule becomes a miss, never a wrong answer.
public struct KeyDocument: Hashable, Sendable {
    /// Bumped whenever a normalization rule or this document's layout changes.
    /// Version 1 is specified in `docs/canonical-form.md`.
    public static let keyVersion = 1

    public let bytes: [UInt8]

    public var key: CacheKey { CacheKey(hashing: bytes) }

    /// Builds the document for a canonical request within a scope.
    ///
    /// - Parameter upstream: the identity of the server that answers, not its URL: the
    ///   provider's name for its official API, or a configured name for another server
    ///   speaking the same format. A test's loopback fake therefore shares keys with the
    ///   real provider, which is what lets recorded fixtures replay.
    public init(request: CanonicalRequest, scope: CacheScope, upstream: String? = nil) {
        var writer = Writer()
        // The body dominates; reserving once avoids regrowing the buffer while it is copied in.
        writer.bytes.reserveCapacity(request.body.count + 256)
        writer.line("aigw-key \(Self.keyVersion)")
        switch scope {
        case .tenant(let tenant, let namespace):
            writer.field("tenant", tenant.utf8)
            if let namespace { writer.field("namespace", namespace.utf8) }
        case .shared(let namespace):
            writer.field("shared", namespace.utf8)
        }
        writer.field("provider", request.provider.rawValue.utf8)
        writer.field("upstream", (upstream ?? request.provider.rawValue).utf8)
        writer.field("endpoint", request.endpoint.utf8)
        for header in request.headers {
            writer.field("header", Array(header.name.utf8) + Array(": ".utf8) + Array(header.value.utf8))
        }
        writer.field("body", request.body)
        bytes = writer.bytes
    }

    private struct Writer {
        var bytes: [UInt8] = []

        mutating func line(_ text: String) {
            bytes.append(contentsOf: text.utf8)
            bytes.append(UInt8(ascii: "\n"))
        }

        mutating func field(_ name: String, _ value: some Collection<UInt8>) {
            bytes.append(contentsOf: name.utf8)
            bytes.append(UInt8(ascii: " "))
            bytes.append(contentsOf: String(value.count).utf8)
            bytes.append(UInt8(ascii: "\n"))
            bytes.append(contentsOf: value)
            bytes.append(UInt8(ascii: "\n"))
        }
    }
}
