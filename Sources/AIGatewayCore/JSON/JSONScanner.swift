/// The parser's state over one document's bytes. See ``JSONParser``.
struct JSONScanner {
    /// The document; string values are slices of it.
    let source: [UInt8]
    /// `source`'s bytes, valid for the scanner's lifetime (it lives inside `withUnsafeBytes`).
    let base: UnsafePointer<UInt8>
    let count: Int
    private let limits: JSONLimits
    let stopAtAmbiguity: Bool
    var index = 0
    /// Reused for strings with escapes and for number digits, so neither allocates per token.
    var scratch: [UInt8] = []
    var ambiguity: JSONParseError?

    /// One open array or object. Only one of the two lists is used.
    private struct Frame {
        var isObject: Bool
        var elements: [JSONValue] = []
        var members: [JSONMember] = []
        var pendingKey: JSONString = ""
        /// Built once an object is large enough that a linear duplicate scan would cost.
        var keySet: Set<JSONString>? = nil
    }

    init(source: [UInt8], bytes: UnsafeRawBufferPointer, limits: JSONLimits, stopAtAmbiguity: Bool) {
        // An empty buffer may have no base address; any non-nil pointer works with count 0.
        if let address = bytes.baseAddress {
            base = address.assumingMemoryBound(to: UInt8.self)
        } else {
            base = UnsafePointer(bitPattern: 1)!
        }
        count = bytes.count
        self.source = source
        self.limits = limits
        self.stopAtAmbiguity = stopAtAmbiguity
    }

    mutating func parseDocument() throws(JSONParseError) -> JSONValue {
        // Strings address the document with 32-bit offsets, so 4 GiB is a hard ceiling.
        let maxBytes = min(limits.maxBytes, Int(UInt32.max))
        guard count <= maxBytes else {
            throw JSONParseError(offset: maxBytes, kind: .tooLarge(limit: maxBytes))
        }
        var stack: [Frame] = []
        var value: JSONValue
        nextValue: while true {
            skipWhitespace()
            guard index < count else { throw error(.unexpectedEnd(expected: "a value")) }
            switch base[index] {
            case UInt8(ascii: "{"):
                guard stack.count < limits.maxDepth else { throw error(.tooDeep(limit: limits.maxDepth)) }
                index += 1
                skipWhitespace()
                if index < count && base[index] == UInt8(ascii: "}") {
                    index += 1
                    value = .object([])
                } else {
                    stack.append(Frame(isObject: true))
                    try readKey(into: &stack[stack.count - 1], expected: "a string key or '}'")
                    continue nextValue
                }
            case UInt8(ascii: "["):
                guard stack.count < limits.maxDepth else { throw error(.tooDeep(limit: limits.maxDepth)) }
                index += 1
                skipWhitespace()
                if index < count && base[index] == UInt8(ascii: "]") {
                    index += 1
                    value = .array([])
                } else {
                    stack.append(Frame(isObject: false))
                    continue nextValue
                }
            case UInt8(ascii: "\""):
                value = .string(try readString())
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                value = .number(try readNumber())
            case UInt8(ascii: "t"):
                try readLiteral("true")
                value = .bool(true)
            case UInt8(ascii: "f"):
                try readLiteral("false")
                value = .bool(false)
            case UInt8(ascii: "n"):
                try readLiteral("null")
                value = .null
            case let byte:
                throw error(.unexpectedByte(byte, expected: "a value"))
            }

            // A value is complete: hand it to the innermost open container, closing
            // containers for as long as their closing bracket follows.
            while !stack.isEmpty {
                let top = stack.count - 1
                skipWhitespace()
                if stack[top].isObject {
                    stack[top].members.append(JSONMember(stack[top].pendingKey, value))
                    let expected = "',' or '}' after an object member"
                    guard index < count else { throw error(.unexpectedEnd(expected: expected)) }
                    switch base[index] {
                    case UInt8(ascii: ","):
                        index += 1
                        skipWhitespace()
                        try readKey(into: &stack[top], expected: "a string key")
                        continue nextValue
                    case UInt8(ascii: "}"):
                        index += 1
                        value = .object(stack.removeLast().members)
                    case let byte:
                        throw error(.unexpectedByte(byte, expected: expected))
                    }
                } else {
                    stack[top].elements.append(value)
                    let expected = "',' or ']' after an array element"
                    guard index < count else { throw error(.unexpectedEnd(expected: expected)) }
                    switch base[index] {
                    case UInt8(ascii: ","):
                        index += 1
                        continue nextValue
                    case UInt8(ascii: "]"):
                        index += 1
                        value = .array(stack.removeLast().elements)
                    case let byte:
                        throw error(.unexpectedByte(byte, expected: expected))
                    }
                }
            }
            skipWhitespace()
            guard index == count else { throw error(.trailingData) }
            return value
        }
    }

    func error(_ kind: JSONParseError.Kind, at offset: Int? = nil) -> JSONParseError {
        JSONParseError(offset: offset ?? index, kind: kind)
    }

    private mutating func skipWhitespace() {
        while index < count {
            switch base[index] {
            case 0x20, 0x0a, 0x0d, 0x09: index += 1
            default: return
            }
        }
    }

    private mutating func readLiteral(_ literal: StaticString) throws(JSONParseError) {
        let length = literal.utf8CodeUnitCount
        let expected = literal.utf8Start
        for offset in 0..<length {
            guard index + offset < count else {
                throw error(.unexpectedEnd(expected: "'\(literal)'"), at: count)
            }
            guard base[index + offset] == expected[offset] else {
                throw error(.unexpectedByte(base[index + offset], expected: "'\(literal)'"), at: index + offset)
            }
        }
        index += length
    }

    /// Reads `"key"` and the `:` after it into the frame, checking for a duplicate.
    private mutating func readKey(into frame: inout Frame, expected: String) throws(JSONParseError) {
        guard index < count else { throw error(.unexpectedEnd(expected: expected)) }
        guard base[index] == UInt8(ascii: "\"") else { throw error(.unexpectedByte(base[index], expected: expected)) }
        let keyOffset = index
        let key = try readString()
        if isDuplicate(key, in: &frame) {
            let ambiguous = error(.duplicateKey(key.string), at: keyOffset)
            if stopAtAmbiguity { throw ambiguous }
            if ambiguity == nil { ambiguity = ambiguous }
        }
        frame.pendingKey = key
        skipWhitespace()
        guard index < count else { throw error(.unexpectedEnd(expected: "':' after an object key")) }
        guard base[index] == UInt8(ascii: ":") else {
            throw error(.unexpectedByte(base[index], expected: "':' after an object key"))
        }
        index += 1
    }

    private func isDuplicate(_ key: JSONString, in frame: inout Frame) -> Bool {
        if frame.keySet == nil {
            if frame.members.count < 16 {
                return frame.members.contains { $0.key == key }
            }
            frame.keySet = Set(frame.members.map(\.key))
        }
        return !frame.keySet!.insert(key).inserted
    }
}
