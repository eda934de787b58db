import AIGatewayCore

/// The one change the gateway makes to an OpenAI chat stream request's body before sending it:
/// asking for the usage chunk (`stream_options.include_usage`).
///
/// Without it OpenAI reports no usage for a stream, so the answer could not be priced, and a
/// stored stream could not serve a later client that asks for the usage. The member is not part
/// of the key, and the client's answer is rendered as it asked (``OpenAIUsageChunk``).
enum OpenAIStreamOptions {
    /// `body` asking for the usage chunk. A body without `stream_options` (the usual case) gets
    /// the member inserted first and is otherwise passed on byte for byte; one with other stream
    /// options keeps them. A body that is not a JSON object is returned as it is (it was
    /// canonicalized before, so that does not happen).
    static func requestingUsage(_ body: [UInt8]) -> [UInt8] {
        // Inside a JSON string these quotes would be escaped (but for a string ending in the
        // name), so their absence proves the member's, and the body needs no parse.
        let name = Array(#""stream_options""#.utf8)
        if ByteSearch.firstOffset(of: name, in: body) != nil, let root = try? JSONParser.parse(body), case .object(var members) = root,
           let position = members.firstIndex(where: { $0.key == "stream_options" }) {
            var options: [JSONMember] = []
            if case .object(let existing) = members[position].value { options = existing }
            options.removeAll { $0.key == "include_usage" }
            options.append(JSONMember("include_usage", true))
            members[position].value = .object(options)
            return JSONValue.object(members).minifiedAsWritten()
        }
        guard let brace = body.firstIndex(of: UInt8(ascii: "{")) else { return body }
        let isEmpty = body[(brace + 1)...].first { ![0x20, 0x09, 0x0A, 0x0D].contains($0) } == UInt8(ascii: "}")
        let member = Array(#""stream_options":{"include_usage":true}"#.utf8)
        return Array(body[...brace]) + member + (isEmpty ? [] : [UInt8(ascii: ",")]) + body[(brace + 1)...]
    }
}
