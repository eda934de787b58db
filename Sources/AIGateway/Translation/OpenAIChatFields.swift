import AIGatewayCore

/// The top-level fields of an OpenAI chat-completions body, read with errors that name the field.
struct OpenAIChatFields {
    let members: [JSONMember]

    /// Fields read into a ``GenerateTextRequest`` or used by the translation itself.
    private static let understood: Set<String> = [
        "model", "messages", "temperature", "top_p", "max_tokens", "max_completion_tokens", "stop", "tools",
        "tool_choice", "parallel_tool_calls", "response_format", "seed", "stream", "stream_options",
    ]
    /// Fields that do not change the answer.
    private static let ignored: Set<String> = ["store", "metadata", "service_tier", "user"]

    func value(_ name: String) -> JSONValue? {
        guard let value = members.first(where: { $0.key.string == name })?.value, !value.isNull else { return nil }
        return value
    }

    /// Throws for the first field that cannot be carried over, unless it holds OpenAI's default.
    func refuseUnsupported() throws(GatewayError) {
        for member in members {
            let name = member.key.string
            if Self.understood.contains(name) || Self.ignored.contains(name) || Self.isDefault(name, member.value) {
                continue
            }
            throw GenerateTextRequest.invalid("'\(name)' is not supported when an OpenAI-format request is translated for another provider; remove it or call that provider's own API")
        }
    }

    private static func isDefault(_ name: String, _ value: JSONValue) -> Bool {
        switch name {
        case "n": value.isNull || value.numberValue == JSONNumber(1)
        case "logprobs": value.isNull || value.boolValue == false
        case "frequency_penalty", "presence_penalty": value.isNull || value.numberValue?.isZero == true
        default: value.isNull
        }
    }

    func requiredString(_ name: String) throws(GatewayError) -> String {
        guard let value = value(name) else { throw GenerateTextRequest.invalid("the request body needs '\(name)'") }
        return try Self.string(value, name)
    }

    func double(_ name: String) throws(GatewayError) -> Double? {
        guard let value = value(name) else { return nil }
        guard let number = value.numberValue else { throw Self.mismatch(name, "a number", value) }
        return number.doubleValue
    }

    func integer(_ name: String) throws(GatewayError) -> Int? {
        guard let value = value(name) else { return nil }
        guard let number = value.numberValue?.int64Value, let integer = Int(exactly: number) else {
            throw Self.mismatch(name, "an integer", value)
        }
        return integer
    }

    func bool(_ name: String) throws(GatewayError) -> Bool? {
        guard let value = value(name) else { return nil }
        guard let flag = value.boolValue else { throw Self.mismatch(name, "a boolean", value) }
        return flag
    }

    func stop() throws(GatewayError) -> [String] {
        guard let value = value("stop") else { return [] }
        if let single = value.stringValue { return [single] }
        guard let list = value.arrayValue else { throw Self.mismatch("stop", "a string or an array of strings", value) }
        var stops: [String] = []
        for (index, element) in list.enumerated() { stops.append(try Self.string(element, "stop[\(index)]")) }
        return stops
    }

    func tools() throws(GatewayError) -> [ToolDefinition] {
        guard let value = value("tools") else { return [] }
        guard let list = value.arrayValue else { throw Self.mismatch("tools", "an array", value) }
        var tools: [ToolDefinition] = []
        for (index, tool) in list.enumerated() {
            let path = "tools[\(index)]"
            guard tool["type"]?.stringValue == "function", let function = tool["function"] else {
                throw GenerateTextRequest.invalid("\(path) must be a function tool; only function tools can be translated")
            }
            let schema = function["parameters"] ?? .object([JSONMember("type", "object"), JSONMember("properties", .object([]))])
            tools.append(ToolDefinition(
                name: try Self.string(function["name"], "\(path).function.name"),
                description: try function["description"].map { description throws(GatewayError) in
                    try Self.string(description, "\(path).function.description")
                },
                parametersJSON: schema.minifiedTextAsWritten
            ))
        }
        return tools
    }

    func toolChoice() throws(GatewayError) -> ToolChoice? {
        guard let value = value("tool_choice") else { return nil }
        switch value.stringValue {
        case "auto": return .auto
        case "none": return ToolChoice.none
        case "required": return .required
        default:
            guard value["type"]?.stringValue == "function", let name = value["function"]?["name"]?.stringValue else {
                throw Self.mismatch("tool_choice", #""auto", "none", "required" or {"type":"function","function":{"name":…}}"#, value)
            }
            return .tool(name: name)
        }
    }

    func outputFormat() throws(GatewayError) -> OutputFormat {
        guard let format = value("response_format") else { return .text }
        switch format["type"]?.stringValue {
        case "text": return .text
        case "json_object": return .jsonObject
        case "json_schema":
            let schema = format["json_schema"]
            return .jsonSchema(name: schema?["name"]?.stringValue ?? "", schemaJSON: (schema?["schema"] ?? .object([])).minifiedTextAsWritten)
        default: throw Self.mismatch("response_format", #"{"type":"text"|"json_object"|"json_schema"}"#, format)
        }
    }

    static func string(_ value: JSONValue?, _ path: String) throws(GatewayError) -> String {
        guard let text = value?.stringValue else { throw mismatch(path, "a string", value ?? .null) }
        return text
    }

    static func mismatch(_ path: String, _ expected: String, _ value: JSONValue) -> GatewayError {
        GenerateTextRequest.invalid("'\(path)' must be \(expected), not \(value.typeName)")
    }
}
