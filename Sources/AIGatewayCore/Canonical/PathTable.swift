/// An `APIStructure`'s payload paths flattened into plain arrays, so the one-pass scanner can
/// match keys against them without touching enums that hold arrays (each such read costs a
/// retain and a release).
struct PathTable: Sendable {
    /// Key names of all steps, back to back.
    private let names: [UInt8]
    /// Per step (`pathIndex * maxSteps + depth`): where its name starts in `names`, and its
    /// length, or -1 for "any element".
    private let nameStart: [Int]
    private let nameCount: [Int]
    private let length: [Int]
    let isUserPayload: [Bool]
    /// For a text shorthand that applies only under one parent `type`: that type as canonical
    /// JSON text (with quotes); empty when any parent will do.
    let parentTypeText: [[UInt8]]
    let all: UInt64
    private let maxSteps: Int

    /// The paths that may still match below a value; see `APIStructure.Live`.
    struct Live {
        var set: UInt64
        var depth: Int

        static let none = Live(set: 0, depth: 0)
    }

    init(_ structure: APIStructure) {
        let paths = structure.paths
        maxSteps = paths.map(\.steps.count).max() ?? 0
        var names: [UInt8] = []
        var nameStart = [Int](repeating: 0, count: paths.count * maxSteps)
        var nameCount = [Int](repeating: -1, count: paths.count * maxSteps)
        var parentTypeText: [[UInt8]] = []
        var isUserPayload: [Bool] = []
        for (pathIndex, path) in paths.enumerated() {
            for (depth, step) in path.steps.enumerated() {
                if case .key(let name) = step {
                    nameStart[pathIndex * maxSteps + depth] = names.count
                    nameCount[pathIndex * maxSteps + depth] = name.utf8Count
                    names.append(contentsOf: name.utf8)
                }
            }
            switch path.treatment {
            case .userPayload:
                isUserPayload.append(true)
                parentTypeText.append([])
            case .textShorthand(let parentType):
                isUserPayload.append(false)
                var text: [UInt8] = []
                if let parentType { JSONWriter.writeString(parentType, to: &text) }
                parentTypeText.append(text)
            }
        }
        self.names = names
        self.nameStart = nameStart
        self.nameCount = nameCount
        self.length = paths.map(\.steps.count)
        self.isUserPayload = isUserPayload
        self.parentTypeText = parentTypeText
        all = paths.isEmpty ? 0 : UInt64.max >> (64 - paths.count)
    }

    /// `APIStructure.advance`, over raw key bytes: moves the live paths one step down and
    /// returns the index of the path whose treatment applies here, or -1. `key` is nil for a
    /// step into an array element.
    func advance(_ live: Live, key: UnsafePointer<UInt8>?, count keyCount: Int) -> (Live, Int) {
        var next: UInt64 = 0
        var treatment = -1
        var remaining = live.set
        while remaining != 0 {
            let index = remaining.trailingZeroBitCount
            remaining &= remaining - 1
            guard live.depth < length[index] else { continue }
            let step = index * maxSteps + live.depth
            let stepCount = nameCount[step]
            if let key {
                guard stepCount == keyCount, matches(key, nameStart[step], keyCount) else { continue }
            } else {
                guard stepCount < 0 else { continue }
            }
            if live.depth + 1 == length[index] {
                // A user payload wins over anything else at or below the same place.
                if treatment < 0 || !isUserPayload[treatment] { treatment = index }
            } else {
                next |= 1 << UInt64(index)
            }
        }
        return (Live(set: next, depth: live.depth + 1), treatment)
    }

    private func matches(_ key: UnsafePointer<UInt8>, _ start: Int, _ keyCount: Int) -> Bool {
        names.withUnsafeBufferPointer { names in
            for offset in 0..<keyCount where names[start + offset] != key[offset] { return false }
            return true
        }
    }
}
