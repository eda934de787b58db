import AIGatewayCore

extension GenerateTextRequest {
    /// Reads an OpenAI chat-completions body, so that it can be written for another provider.
    ///
    /// Parameters another provider cannot honour are refused by name rather than dropped: an
    /// answer that silently ignored `n: 3` or `logprobs` would not be the answer asked for.
    /// Bookkeeping fields that do not change the answer (`store`, `metadata`, `service_tier`,
    /// `user`) are ignored; so are OpenAI's explicit defaults (`n: 1`, a zero penalty).
    init(openAIChatBody body: JSONValue, tenantId: String) throws(GatewayError) {
        guard let members = body.objectMembers else { throw Self.invalid("the request body must be a JSON object") }
        let reader = OpenAIChatFields(members: members)
        try reader.refuseUnsupported()
        // `max_tokens` is the older name of `max_completion_tokens`.
        let legacyMaxTokens = try reader.integer("max_tokens")
        self.init(
            tenantId: tenantId,
            model: try reader.requiredString("model"),
            messages: try reader.messages(),
            temperature: try reader.double("temperature"),
            topP: try reader.double("top_p"),
            maxTokens: try reader.integer("max_completion_tokens") ?? legacyMaxTokens,
            stop: try reader.stop(),
            tools: try reader.tools(),
            toolChoice: try reader.toolChoice(),
            parallelToolCalls: try reader.bool("parallel_tool_calls"),
            outputFormat: try reader.outputFormat(),
            seed: try reader.integer("seed").map(Int64.init)
        )
    }

    static func invalid(_ message: String) -> GatewayError {
        GatewayError(.invalidRequest, message: message)
    }
}
