/// The generic part of the canonical form, written straight to bytes: how values in the
/// API-defined structure of a request are written, and where special places start.
///
/// In the API-defined structure, object members are sorted by key bytes, `null` members are
/// dropped (the APIs treat `null` as absent), and provider-specific keys such as Anthropic's
/// `cache_control` are dropped. Arrays keep their order. A user-authored payload (a JSON
/// Schema, a tool input) is kept exactly as parsed — member order, `null`s, a property that
/// happens to be called `cache_control` — and only loses whitespace and gets canonical
/// number text. A text shorthand (a content string) is written as the one-block array it
/// stands for.
///
/// Writing directly, instead of building a canonical tree and then writing it, saves an
/// allocation per object and per member list: the request path runs this on every call.
struct APIStructure: Sendable {
    let paths: [PayloadPath]
    let droppedKeys: [JSONString]

    init(paths: [PayloadPath], droppedKeys: [JSONString]) {
        precondition(paths.count <= 64, "path matching uses a 64-bit set")
        self.paths = paths
        self.droppedKeys = droppedKeys
    }

    /// The paths that may still match below a value: every path in the set has matched
    /// exactly `depth` steps, because all of them start at the root.
    private struct Live {
        var set: UInt64
        var depth: Int

        static let none = Live(set: 0, depth: 0)
    }

    /// Writes a request body (its top-level members) in canonical form.
    func write(body members: [JSONMember], to out: inout [UInt8]) {
        let all = paths.isEmpty ? 0 : UInt64.max >> (64 - paths.count)
        writeObject(members, live: Live(set: all, depth: 0), to: &out)
    }

    private func writeObject(_ members: [JSONMember], live: Live, to out: inout [UInt8]) {
        // Members are read in place through the buffer, never copied into locals: a copy
        // costs a retain and a release per member, which dominated this loop.
        members.withUnsafeBufferPointer { buffer in
            withUnsafeTemporaryAllocation(of: Int.self, capacity: buffer.count) { order in
                var count = 0
                for index in buffer.indices where !buffer[index].value.isNull && !isDropped(buffer[index].key) {
                    order[count] = index
                    count += 1
                }
                var kept = UnsafeMutableBufferPointer(rebasing: order[0..<count])
                Self.sort(&kept, by: buffer)

                out.append(UInt8(ascii: "{"))
                for position in 0..<count {
                    let index = kept[position]
                    if position > 0 { out.append(UInt8(ascii: ",")) }
                    JSONWriter.writeString(buffer[index].key, to: &out)
                    out.append(UInt8(ascii: ":"))
                    let (child, treatment) = live.set == 0 ? (Live.none, nil) : advance(live, by: buffer[index].key)
                    switch treatment {
                    case .userPayload?:
                        JSONWriter.write(buffer[index].value, to: &out)
                    case .textShorthand(let parentType)?:
                        if case .string(let text) = buffer[index].value,
                            parentType == nil || members.value(for: Self.typeKey)?.jsonString == parentType
                        {
                            writeTextBlock(text, to: &out)
                        } else {
                            writeValue(buffer[index].value, live: child, to: &out)
                        }
                    case nil:
                        writeValue(buffer[index].value, live: child, to: &out)
                    }
                }
                out.append(UInt8(ascii: "}"))
            }
        }
    }

    private func isDropped(_ key: JSONString) -> Bool {
        for dropped in droppedKeys where dropped == key { return true }
        return false
    }

    /// Sorts member indices by key bytes, stably (so duplicate keys, never cached but still
    /// written, keep their order): insertion sort for the usual handful of members.
    private static func sort(_ order: inout UnsafeMutableBufferPointer<Int>, by members: UnsafeBufferPointer<JSONMember>) {
        guard order.count > 1 else { return }
        if order.count > 32 {
            order.sort { members[$0].key < members[$1].key || (members[$0].key == members[$1].key && $0 < $1) }
            return
        }
        for end in 1..<order.count {
            let moving = order[end]
            var position = end
            while position > 0 && members[moving].key < members[order[position - 1]].key {
                order[position] = order[position - 1]
                position -= 1
            }
            order[position] = moving
        }
    }

    private func writeValue(_ value: JSONValue, live: Live, to out: inout [UInt8]) {
        switch value {
        case .object(let members):
            writeObject(members, live: live, to: &out)
        case .array(let elements):
            let (child, treatment) = advance(live, by: nil)
            if treatment == .userPayload {
                JSONWriter.write(value, to: &out)
                return
            }
            out.append(UInt8(ascii: "["))
            elements.withUnsafeBufferPointer { buffer in
                for index in buffer.indices {
                    if index > 0 { out.append(UInt8(ascii: ",")) }
                    writeValue(buffer[index], live: child, to: &out)
                }
            }
            out.append(UInt8(ascii: "]"))
        default:
            JSONWriter.write(value, to: &out)
        }
    }

    private static let typeKey: JSONString = "type"
    private static let textBlockOpening = Array(#"[{"text":"#.utf8)
    private static let textBlockClosing = Array(#","type":"text"}]"#.utf8)

    /// `[{"text":…,"type":"text"}]`, the canonical form of a content string.
    private func writeTextBlock(_ text: JSONString, to out: inout [UInt8]) {
        out.append(contentsOf: Self.textBlockOpening)
        JSONWriter.writeString(text, to: &out)
        out.append(contentsOf: Self.textBlockClosing)
    }

    /// Moves the live paths one step down; reports a treatment when a path ends here (paths
    /// that go deeper stay live, for when the shorthand does not apply).
    /// `key` is nil for a step into an array element.
    private func advance(_ live: Live, by key: JSONString?) -> (Live, PayloadPath.Treatment?) {
        if live.set == 0 { return (.none, nil) }
        var next: UInt64 = 0
        var treatment: PayloadPath.Treatment?
        var remaining = live.set
        while remaining != 0 {
            let index = remaining.trailingZeroBitCount
            remaining &= remaining - 1
            let steps = paths[index].steps
            guard live.depth < steps.count else { continue }
            switch steps[live.depth] {
            case .anyElement: guard key == nil else { continue }
            case .key(let name): guard let key, key == name else { continue }
            }
            if live.depth + 1 == steps.count {
                // A user payload wins over anything else at or below the same place.
                if treatment != .userPayload { treatment = paths[index].treatment }
            } else {
                next |= 1 << UInt64(index)
            }
        }
        return (Live(set: next, depth: live.depth + 1), treatment)
    }
}
