/// The canonical-form rules of OpenAI chat completions (`/v1/chat/completions`).
enum OpenAIChatRules {
    /// Fields that do not change the answer: transport, attribution, billing, and the
    /// provider's own prompt cache.
    static let droppedFields: [JSONString] = [
        "stream", "stream_options", "user", "metadata", "store", "service_tier", "safety_identifier",
        "prompt_cache_key",
    ]

    static let structure = APIStructure(
        paths: [
            PayloadPath("tools[].function.parameters"),
            PayloadPath("functions[].parameters"),
            PayloadPath("response_format.json_schema.schema"),
            // A message's `content` string is shorthand for one text part, whatever the role.
            PayloadPath("messages[].content", .textShorthand(parentType: nil)),
        ],
        droppedKeys: []
    )

    static func apply(to body: [JSONMember]) throws(CanonicalizationError) -> RequestBody {
        var members = body.filter { !$0.value.isNull }
        let wantsStream = try streamFlag(in: members)
        let wantsStreamUsage = try streamUsageFlag(in: members.value(for: "stream_options"))
        members.removeAll { droppedFields.contains($0.key) }

        if let maxTokens = members.value(for: "max_tokens") {
            if let maxCompletionTokens = members.value(for: "max_completion_tokens") {
                guard maxTokens == maxCompletionTokens else {
                    throw .notCacheable(reason: "max_tokens and max_completion_tokens disagree")
                }
                members.remove("max_tokens")
            } else {
                for index in members.indices where members[index].key == "max_tokens" {
                    members[index].key = "max_completion_tokens"
                }
            }
        }

        let hasTools = !(members.value(for: "tools")?.arrayValue?.isEmpty ?? true)
        members.removeDefault("temperature", 1)
        members.removeDefault("top_p", 1)
        members.removeDefault("n", 1)
        members.removeDefault("presence_penalty", 0)
        members.removeDefault("frequency_penalty", 0)
        members.removeDefault("logprobs", false)
        if hasTools {
            members.removeDefault("parallel_tool_calls", true)
            members.removeDefault("tool_choice", "auto")
        } else {
            members.removeDefault("tool_choice", "none")
        }

        if let stop = members.value(for: "stop") {
            if case .string = stop {
                members.replaceValue(of: "stop", with: .array([stop]))
            } else if let set = stop.stringSet {
                members.replaceValue(of: "stop", with: set)
            }
        }

        try checkMessages(members.value(for: "messages"))
        var out: [UInt8] = []
        out.reserveCapacity(4096)
        structure.write(body: members, to: &out)
        return RequestBody(bytes: out, wantsStream: wantsStream, wantsStreamUsage: wantsStreamUsage)
    }

    /// `stream_options.include_usage` of a `stream_options` value: whether a stream should end
    /// with a usage chunk. Not part of the key (one entry serves both); the answer is rendered
    /// for it.
    static func streamUsageFlag(in options: JSONValue?) throws(CanonicalizationError) -> Bool {
        guard let options, !options.isNull else { return false }
        guard case .object = options else {
            throw .invalidRequest("stream_options must be an object, not \(options.typeName)")
        }
        switch options["include_usage"] {
        case nil, .null?: return false
        case .bool(let flag)?: return flag
        case let other?: throw .invalidRequest("stream_options.include_usage must be a boolean, not \(other.typeName)")
        }
    }

    static func streamFlag(in members: [JSONMember]) throws(CanonicalizationError) -> Bool {
        switch members.value(for: "stream") {
        case nil: return false
        case .bool(let flag)?: return flag
        case let other?: throw .invalidRequest("stream must be a boolean, not \(other.typeName)")
        }
    }

    /// The shape every request must have: `messages` is an array of objects.
    static func checkMessages(_ messages: JSONValue?) throws(CanonicalizationError) {
        guard let messages else { throw .invalidRequest("messages is missing") }
        guard case .array(let list) = messages else {
            throw .invalidRequest("messages must be an array, not \(messages.typeName)")
        }
        for (index, message) in list.enumerated() {
            guard case .object = message else {
                throw .invalidRequest("messages[\(index)] must be an object, not \(message.typeName)")
            }
        }
    }
}
