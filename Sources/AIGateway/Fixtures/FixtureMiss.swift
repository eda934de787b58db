import AIGatewayCore

/// The message of a replay miss: which key, where it was looked for, the nearest fixtures and
/// the canonical fields in which they differ, and the command that records it.
struct FixtureMiss {
    var key: CacheKey
    var scope: CacheScope
    var request: CanonicalRequest
    var directory: String
    var recordCommand: String

    static let nearestCount = 3
    static let valueLength = 60

    func message(among entries: [FixtureDirectory.Entry]) -> String {
        var lines = ["no fixture for this request (key \(key.hex)) in \(directory) (fixtures mode replay)."]
        let nearest = Self.nearest(to: request, scope: scope, among: entries)
        if nearest.isEmpty {
            lines.append("The directory has no fixture for \(request.provider.rawValue) \(request.endpoint) at all.")
        } else {
            lines.append("Nearest:")
            for candidate in nearest { lines.append("  \(candidate.file): \(candidate.explanation)") }
        }
        lines.append("To record it: \(recordCommand)")
        return lines.joined(separator: "\n")
    }

    struct Candidate {
        var file: String
        var fields: [String]
        var explanation: String
        var sharedPrefix: Int
    }

    /// Fixtures of the same provider and endpoint, fewest differing fields first.
    static func nearest(to request: CanonicalRequest, scope: CacheScope, among entries: [FixtureDirectory.Entry]) -> [Candidate] {
        let candidates = entries.filter { $0.fixture.request.provider == request.provider && $0.fixture.request.endpoint == request.endpoint }
            .map { entry -> Candidate in
                let fields = differingFields(entry.fixture, request: request, scope: scope)
                return Candidate(file: entry.file, fields: fields, explanation: explain(entry.fixture, fields: fields, request: request),
                                 sharedPrefix: zip(entry.fixture.request.body, request.body).prefix { $0 == $1 }.count)
            }
        // Fewest differing fields; among those, the longest common start of the canonical body.
        let sorted = candidates.sorted { ($0.fields.count, -$0.sharedPrefix, $0.file) < ($1.fields.count, -$1.sharedPrefix, $1.file) }
        return Array(sorted.prefix(nearestCount))
    }

    /// The top-level canonical fields (and scope and headers) whose values differ.
    static func differingFields(_ fixture: Fixture, request: CanonicalRequest, scope: CacheScope) -> [String] {
        var fields: [String] = []
        if fixture.scope != scope { fields.append("scope") }
        if fixture.request.headers != request.headers { fields.append("headers") }
        let recorded = fixture.request.bodyValue.objectMembers ?? []
        let asked = request.bodyValue.objectMembers ?? []
        let names = Set(recorded.map(\.key) + asked.map(\.key)).sorted()
        for name in names where recorded.first(where: { $0.key == name })?.value != asked.first(where: { $0.key == name })?.value {
            fields.append(name.string)
        }
        if fixture.keyVersion != KeyDocument.keyVersion { fields.append("key_version") }
        return fields
    }

    static func explain(_ fixture: Fixture, fields: [String], request: CanonicalRequest) -> String {
        if fields.isEmpty {
            return "same request; its stored key differs (recorded with another key version?); run 'aigw fixtures verify'"
        }
        var text = "differs in \(fields.joined(separator: ", "))"
        if let difference = CanonicalDifference.first(between: fixture.request, and: request) {
            text += "; first at \(difference.path): recorded \(shortened(difference.left)), asked \(shortened(difference.right))"
        } else if fields.contains("scope") {
            text += "; recorded for \(describe(fixture.scope))"
        }
        return text
    }

    static func describe(_ scope: CacheScope) -> String {
        switch scope {
        case .tenant(let tenant, let namespace): "tenant '\(tenant)'" + (namespace.map { ", namespace '\($0)'" } ?? "")
        case .shared(let namespace): "shared namespace '\(namespace)'"
        }
    }

    static func shortened(_ value: String) -> String {
        value.count > valueLength ? String(value.prefix(valueLength)) + "…" : value
    }
}
