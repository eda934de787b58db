/// The canonical-form rules of Anthropic messages (`/v1/messages`).
enum AnthropicMessagesRules {
    /// Fields that do not change the answer: transport, attribution, billing tier.
    static let droppedFields: [JSONString] = ["stream", "metadata", "service_tier"]

    /// `cache_control` only marks prompt-cache breakpoints at Anthropic; the answer is the
    /// same without it. It is dropped everywhere in the API-defined structure, but kept inside
    /// schemas and tool inputs, where a property of that name is the user's data.
    static let structure = APIStructure(
        paths: [
            PayloadPath("tools[].input_schema"),
            PayloadPath("tools[].input_examples"),
            PayloadPath("messages[].content[].input"),
            PayloadPath("output_format.schema"),
            PayloadPath("output_config.format.schema"),
            // Strings that are shorthand for one text block: `system`, a message's
            // `content`, and a `tool_result` block's `content`.
            PayloadPath("system", .textShorthand(parentType: nil)),
            PayloadPath("messages[].content", .textShorthand(parentType: nil)),
            PayloadPath("messages[].content[].content", .textShorthand(parentType: "tool_result")),
        ],
        droppedKeys: ["cache_control"]
    )

    static func apply(to body: [JSONMember]) throws(CanonicalizationError) -> RequestBody {
        var members = body.filter { !$0.value.isNull }
        let wantsStream = try OpenAIChatRules.streamFlag(in: members)
        members.removeAll { droppedFields.contains($0.key) }
        members.removeDefault("temperature", 1)

        if let set = members.value(for: "stop_sequences")?.stringSet {
            members.replaceValue(of: "stop_sequences", with: set)
        }

        try OpenAIChatRules.checkMessages(members.value(for: "messages"))
        var out: [UInt8] = []
        out.reserveCapacity(4096)
        structure.write(body: members, to: &out)
        return RequestBody(bytes: out, wantsStream: wantsStream, wantsStreamUsage: false)
    }
}
