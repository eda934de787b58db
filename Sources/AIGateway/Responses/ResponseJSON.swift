/// A parsed JSON value for provider responses.
///
/// Foundation's `JSONSerialization` would do for reading, but it forgets object key order and
/// turns numbers into `Double`; the summary needs both kept, because an Anthropic `tool_use`
/// `input` becomes the tool call's argument text and must come out in the provider's own key
/// order with its numbers as written. Renderers build values of this type too, so that rendered
/// bodies list their fields in the order the providers send them.
enum ResponseJSON: Sendable, Equatable {
    case null
    case bool(Bool)
    /// The number exactly as written; it is never converted unless an integer is asked for.
    case number(String)
    case string(String)
    case array([ResponseJSON])
    /// Members in document order. Duplicate keys are kept; lookups take the last one.
    case object([Member])

    struct Member: Sendable, Equatable {
        var key: String
        var value: ResponseJSON
    }

    /// The value of `key` when this is an object that has it and it is not `null`.
    subscript(key: String) -> ResponseJSON? {
        guard case let .object(members) = self,
              let member = members.last(where: { $0.key == key }),
              member.value != .null
        else { return nil }
        return member.value
    }

    var stringValue: String? {
        if case let .string(text) = self { return text }
        return nil
    }

    var arrayValue: [ResponseJSON]? {
        if case let .array(elements) = self { return elements }
        return nil
    }

    var isObject: Bool {
        if case .object = self { return true }
        return false
    }

    /// The value as an `Int`, when it is a number written without fraction or exponent.
    var intValue: Int? {
        if case let .number(text) = self { return Int(text) }
        return nil
    }
}

extension ResponseJSON: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByNilLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
    init(stringLiteral value: String) { self = .string(value) }
    init(integerLiteral value: Int) { self = .number(String(value)) }
    init(booleanLiteral value: Bool) { self = .bool(value) }
    init(nilLiteral: ()) { self = .null }
    init(arrayLiteral elements: ResponseJSON...) { self = .array(elements) }
    /// Dictionary literals keep their written order, which is how renderers fix field order.
    init(dictionaryLiteral elements: (String, ResponseJSON)...) {
        self = .object(elements.map { Member(key: $0.0, value: $0.1) })
    }

    init(_ value: Int) { self = .number(String(value)) }

    init(_ value: String?) { self = value.map { .string($0) } ?? .null }
}
