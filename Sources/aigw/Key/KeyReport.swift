import AIGateway

/// What `aigw key` prints: the key, the fields of its document, and the canonical body.
struct KeyReport: Encodable {
    var key: String
    var keyVersion: Int
    var provider: String
    var endpoint: String
    var model: String
    var tenant: String
    var namespace: String?
    var headers: [String: String]
    var stream: Bool
    /// The canonical body as compact JSON text.
    var canonicalBody: String
    /// The whole hashed document, for anyone who wants to check the key with `xxhsum -H2`.
    var keyDocument: String

    private var prettyBody: String

    enum CodingKeys: String, CodingKey {
        case key, keyVersion = "key_version", provider, endpoint, model, tenant, namespace, headers, stream
        case canonicalBody = "canonical_body", keyDocument = "key_document"
    }

    init(request: CanonicalRequest, document: KeyDocument, tenant: String, namespace: String?) {
        key = document.key.hex
        keyVersion = KeyDocument.keyVersion
        provider = request.provider.rawValue
        endpoint = request.endpoint
        model = request.model
        self.tenant = tenant
        self.namespace = namespace
        headers = Dictionary(request.headers.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first })
        stream = request.wantsStream
        canonicalBody = String(decoding: request.body, as: UTF8.self)
        keyDocument = String(decoding: document.bytes, as: UTF8.self)
        prettyBody = request.prettyPrintedBody
    }

    var text: String {
        var lines = [
            "key: \(key)",
            "key version: \(keyVersion)",
            "provider: \(provider)  endpoint: \(endpoint)  model: \(model)",
            "scope: tenant \(tenant)" + (namespace.map { ", namespace \($0)" } ?? ""),
        ]
        for (name, value) in headers.sorted(by: { $0.key < $1.key }) {
            lines.append("header: \(name): \(value)")
        }
        lines.append("canonical body:")
        lines.append(prettyBody)
        return lines.joined(separator: "\n")
    }
}

/// What `aigw key --diff --json` prints.
struct KeyDiffReport: Encodable {
    var sameKey: Bool
    var leftKey: String
    var rightKey: String
    var path: String?
    var left: String?
    var right: String?

    enum CodingKeys: String, CodingKey {
        case sameKey = "same_key", leftKey = "left_key", rightKey = "right_key", path, left, right
    }

    init(left leftKey: CacheKey, right rightKey: CacheKey, difference: CanonicalDifference?) {
        sameKey = difference == nil
        self.leftKey = leftKey.hex
        self.rightKey = rightKey.hex
        path = difference?.path
        left = difference?.left
        right = difference?.right
    }
}
