/// Where a user-authored payload sits in a request, for example
/// `tools[].function.parameters`. Inside such a payload the user's key order is kept.
struct PayloadPath: Sendable {
    enum Step: Sendable, Equatable {
        case key(JSONString)
        case anyElement
    }

    let steps: [Step]

    /// Parses `a.b[].c` notation.
    init(_ notation: String) {
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
    }
}
