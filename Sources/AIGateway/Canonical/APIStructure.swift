/// The generic part of the canonical form: how values in the API-defined structure of a
/// request are written, and where user-authored payloads start.
///
/// In the API-defined structure, object members are sorted by key bytes, `null` members are
/// dropped (the APIs treat `null` as absent), and provider-specific keys such as Anthropic's
/// `cache_control` are dropped. Arrays keep their order. A user-authored payload (a JSON
/// Schema, a tool input) is kept exactly as parsed — member order, `null`s, a property that
/// happens to be called `cache_control` — and only loses whitespace and gets canonical
/// number text when written.
struct APIStructure: Sendable {
    let userPayloads: [PayloadPath]
    let droppedKeys: [JSONString]

    /// How far along one payload path the walk has matched.
    private struct Progress {
        var path: Int
        var matched: Int
    }

    /// The canonical form of a top-level member list (a request body).
    func canonicalBody(_ members: [JSONMember]) -> JSONValue {
        let start = userPayloads.indices.map { Progress(path: $0, matched: 0) }
        return canonicalObject(members, progress: start)
    }

    private func canonicalObject(_ members: [JSONMember], progress: [Progress]) -> JSONValue {
        var out: [JSONMember] = []
        out.reserveCapacity(members.count)
        for member in members {
            if member.value.isNull || droppedKeys.contains(member.key) { continue }
            let child = advance(progress, by: .key(member.key))
            if child.isUserPayload {
                out.append(member)
            } else {
                out.append(JSONMember(member.key, canonicalValue(member.value, progress: child.progress)))
            }
        }
        out.sort { $0.key < $1.key }
        return .object(out)
    }

    private func canonicalValue(_ value: JSONValue, progress: [Progress]) -> JSONValue {
        switch value {
        case .object(let members):
            return canonicalObject(members, progress: progress)
        case .array(let elements):
            let child = advance(progress, by: .anyElement)
            if child.isUserPayload { return value }
            return .array(elements.map { canonicalValue($0, progress: child.progress) })
        default:
            return value
        }
    }

    private func advance(_ progress: [Progress], by step: PayloadPath.Step) -> (progress: [Progress], isUserPayload: Bool) {
        if progress.isEmpty { return ([], false) }
        var next: [Progress] = []
        for item in progress {
            let steps = userPayloads[item.path].steps
            guard steps[item.matched] == step else { continue }
            if item.matched + 1 == steps.count { return ([], true) }
            next.append(Progress(path: item.path, matched: item.matched + 1))
        }
        return (next, false)
    }
}
