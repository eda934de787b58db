@testable import AIGateway
import FakeProvider

/// Writes a value as JSON text that means the same request in a random way: whitespace
/// (spaces, tabs, CRLF) between tokens, shuffled keys in API-defined objects, `\u` escapes
/// for plain characters, other spellings of each number, and shuffled, repeated elements of
/// set-valued fields. User-authored payloads keep their key order.
struct RandomRendering {
    var generator: SplitMix64
    let orderedPayloads: [String]
    let setFields: [String]
    private var out: [UInt8] = []

    init(generator: SplitMix64, orderedPayloads: [String], setFields: [String]) {
        self.generator = generator
        self.orderedPayloads = orderedPayloads
        self.setFields = setFields
    }

    mutating func render(_ value: JSONValue) -> [UInt8] {
        out = []
        write(value, path: "", ordered: false)
        space()
        return out
    }

    private mutating func chance(_ percent: Int) -> Bool {
        Int.random(in: 0..<100, using: &generator) < percent
    }

    private mutating func space() {
        let options: [[UInt8]] = [[], [], [0x20], [0x20, 0x20], [0x09], [0x0D, 0x0A], [0x0D, 0x0A, 0x20, 0x20], [0x0A, 0x09]]
        out.append(contentsOf: options.randomElement(using: &generator)!)
    }

    /// `path` is in the samples' notation: `tools[].function.parameters`.
    private mutating func write(_ value: JSONValue, path: String, ordered: Bool) {
        space()
        switch value {
        case .object(var members):
            if !ordered { members.shuffle(using: &generator) }
            out.append(UInt8(ascii: "{"))
            for (index, member) in members.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                space()
                writeString(member.key)
                space()
                out.append(UInt8(ascii: ":"))
                let childPath = path.isEmpty ? member.key.string : "\(path).\(member.key.string)"
                write(member.value, path: childPath, ordered: ordered || orderedPayloads.contains(childPath))
            }
            space()
            out.append(UInt8(ascii: "}"))
        case .array(var elements):
            if setFields.contains(path) {
                if let first = elements.first, chance(30) { elements.append(first) }
                elements.shuffle(using: &generator)
            }
            out.append(UInt8(ascii: "["))
            for (index, element) in elements.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                let childPath = path + "[]"
                write(element, path: childPath, ordered: ordered || orderedPayloads.contains(childPath))
            }
            space()
            out.append(UInt8(ascii: "]"))
        case .string(let string):
            writeString(string)
        case .number(let number):
            writeNumber(number)
        default:
            JSONWriter.write(value, to: &out)
        }
        space()
    }

    private mutating func writeString(_ string: JSONString) {
        out.append(UInt8(ascii: "\""))
        let hex = Array("0123456789abcdefABCDEF".utf8)
        for byte in string.utf8 {
            let mustEscape = byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
            if mustEscape || (byte < 0x80 && chance(5)) {
                if byte == UInt8(ascii: "\"") && chance(50) {
                    out.append(contentsOf: #"\""#.utf8)
                } else if byte == UInt8(ascii: "/") && chance(50) {
                    out.append(contentsOf: #"\/"#.utf8)
                } else {
                    out.append(contentsOf: #"\u00"#.utf8)
                    let upper = chance(50) ? 16 : 0
                    out.append(byte >> 4 < 10 ? hex[Int(byte >> 4)] : hex[Int(byte >> 4) + (upper > 0 ? 6 : 0)])
                    out.append(byte & 15 < 10 ? hex[Int(byte & 15)] : hex[Int(byte & 15) + (upper > 0 ? 6 : 0)])
                }
            } else {
                out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    /// Another spelling of the same value: extra trailing zeros moved into the exponent,
    /// a decimal point, `e`/`E`, an explicit `+`.
    private mutating func writeNumber(_ number: JSONNumber) {
        if number.isZero {
            out.append(contentsOf: ["0", "-0", "0.0", "0e3", "-0.000E-2"].randomElement(using: &generator)!.utf8)
            return
        }
        if number.isNegative { out.append(UInt8(ascii: "-")) }
        let extraZeros = Int.random(in: 0...3, using: &generator)
        var digits = Array(number.significand.utf8) + Array(repeating: UInt8(ascii: "0"), count: extraZeros)
        var exponent = number.exponent - extraZeros
        // Move the point left by some places, written as a fraction.
        let fraction = Int.random(in: 0..<digits.count, using: &generator)
        exponent += fraction
        if fraction > 0 {
            let integer = digits[..<(digits.count - fraction)]
            out.append(contentsOf: integer.isEmpty ? [UInt8(ascii: "0")] : Array(integer))
            digits = Array(digits[(digits.count - fraction)...])
            out.append(UInt8(ascii: "."))
        }
        out.append(contentsOf: digits)
        if exponent != 0 || chance(20) {
            out.append(chance(50) ? UInt8(ascii: "e") : UInt8(ascii: "E"))
            if exponent >= 0 && chance(50) { out.append(UInt8(ascii: "+")) }
            out.append(contentsOf: String(exponent).utf8)
        }
    }
}
