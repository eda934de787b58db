extension [JSONMember] {
    /// The value of the first member named `key`.
    func value(for key: JSONString) -> JSONValue? {
        first { $0.key == key }?.value
    }

    mutating func remove(_ key: JSONString) {
        removeAll { $0.key == key }
    }

    /// Replaces the value of every member named `key`.
    mutating func replaceValue(of key: JSONString, with value: JSONValue) {
        for index in indices where self[index].key == key { self[index].value = value }
    }

    /// Drops `key` when its value equals `defaultValue`: stating a default is the same request
    /// as leaving it out.
    mutating func removeDefault(_ key: JSONString, _ defaultValue: JSONValue) {
        if value(for: key) == defaultValue { remove(key) }
    }
}

extension JSONValue {
    /// A list of strings sorted by bytes without duplicates, for the fields the API treats as
    /// sets; nil when the value is not a list of strings (then it is kept as written).
    var stringSet: JSONValue? {
        guard case .array(let elements) = self else { return nil }
        var strings: [JSONString] = []
        for element in elements {
            guard case .string(let string) = element else { return nil }
            strings.append(string)
        }
        strings.sort()
        var unique: [JSONValue] = []
        var previous: JSONString?
        for string in strings where string != previous {
            unique.append(.string(string))
            previous = string
        }
        return .array(unique)
    }
}
