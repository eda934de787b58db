/// The canonical-form rules of Anthropic messages (`/v1/messages`).
enum AnthropicMessagesRules {
    /// Fields that do not change the answer: transport, attribution, billing tier.
    static let droppedFields: [JSONString] = ["stream", "metadata", "service_tier"]

    /// `cache_control` only marks prompt-cache breakpoints at Anthropic; the answer is the
    /// same without it. It is dropped everywhere in the API-defined structure, but kept inside
    /// schemas and tool inputs, where a property of that name is the user's data.
    static let structure = APIStructure(
        userPayloads: [
            PayloadPath("tools[].input_schema"),
            PayloadPath("tools[].input_examples"),
            PayloadPath("messages[].content[].input"),
            PayloadPath("output_format.schema"),
            PayloadPath("output_config.format.schema"),
        ],
        droppedKeys: ["cache_control"]
    )

    static func apply(to body: [JSONMember]) throws(CanonicalizationError) -> RequestBody {
        var members = body.filter { !$0.value.isNull }
        let wantsStream = try OpenAIChatRules.streamFlag(in: members)
        members.removeAll { droppedFields.contains($0.key) }
        members.removeDefault("temperature", 1)

        if case .string(let text)? = members.value(for: "system") {
            members.replaceValue(of: "system", with: [.textBlock(text)])
        }
        if let set = members.value(for: "stop_sequences")?.stringSet {
            members.replaceValue(of: "stop_sequences", with: set)
        }

        guard let messages = members.value(for: "messages") else { throw .invalidRequest("messages is missing") }
        members.replaceValue(of: "messages", with: try canonicalMessages(messages))
        return RequestBody(value: structure.canonicalBody(members), wantsStream: wantsStream)
    }

    /// A message's `content` string, and a `tool_result` block's `content` string, are each
    /// shorthand for one text block.
    private static func canonicalMessages(_ messages: JSONValue) throws(CanonicalizationError) -> JSONValue {
        guard case .array(let list) = messages else {
            throw .invalidRequest("messages must be an array, not \(messages.typeName)")
        }
        var out: [JSONValue] = []
        out.reserveCapacity(list.count)
        for (index, message) in list.enumerated() {
            guard case .object(var members) = message else {
                throw .invalidRequest("messages[\(index)] must be an object, not \(message.typeName)")
            }
            switch members.value(for: "content") {
            case .string(let text)?:
                members.replaceValue(of: "content", with: [.textBlock(text)])
            case .array(let blocks)?:
                members.replaceValue(of: "content", with: .array(blocks.map(canonicalBlock)))
            default:
                break
            }
            out.append(.object(members))
        }
        return .array(out)
    }

    private static func canonicalBlock(_ block: JSONValue) -> JSONValue {
        guard case .object(var members) = block, members.value(for: "type") == "tool_result",
            case .string(let text)? = members.value(for: "content")
        else { return block }
        members.replaceValue(of: "content", with: [.textBlock(text)])
        return .object(members)
    }
}
