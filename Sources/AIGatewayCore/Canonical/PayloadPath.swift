/// A place in a request that the canonical form treats specially, written in `a.b[].c`
/// notation (`[]` for any element of an array).
struct PayloadPath: Sendable {
    enum Step: Sendable, Equatable {
        case key(JSONString)
        case anyElement
    }

    enum Treatment: Sendable, Equatable {
        /// A user-authored payload (a JSON Schema, a tool input): its key order is kept.
        case userPayload
        /// A string here is shorthand for one `{"type":"text","text":…}` block in an array.
        /// With `parentType`, only when the enclosing object's `type` is that.
        case textShorthand(parentType: JSONString?)
    }

    let steps: [Step]
    let treatment: Treatment

    init(_ notation: String, _ treatment: Treatment = .userPayload) {
        var steps: [Step] = []
        for part in notation.split(separator: ".") {
            var name = Substring(part)
            var elements = 0
            while name.hasSuffix("[]") {
                name = name.dropLast(2)
                elements += 1
            }
            if !name.isEmpty { steps.append(.key(JSONString(String(name)))) }
            steps.append(contentsOf: repeatElement(.anyElement, count: elements))
        }
        self.steps = steps
        self.treatment = treatment
    }
}
