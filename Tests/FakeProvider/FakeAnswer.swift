import AIGateway

/// The fake provider's default answer to one request: `echo: <last user text>`, derived only
/// from the request bytes and the request's sequence number, so tests can predict it.
///
/// Usage is made up but deterministic: input tokens are the body size / 4 (at least 1), output
/// tokens the number of words in the answer.
public struct FakeAnswer: Sendable {
    public var route: FakeRoute
    public var summary: ResponseSummary
    /// The request asked for SSE (`"stream": true`).
    public var stream: Bool
    /// OpenAI `stream_options.include_usage`.
    public var includeUsage: Bool

    public static let created = 1_700_000_000

    public init(route: FakeRoute, requestBody: [UInt8], sequence: Int) {
        let json = try? JSONParser.parse(requestBody)
        let text = "echo: " + Self.lastUserText(json)
        let inputTokens = max(1, requestBody.count / 4)
        // OpenAI's `n`: choice 0 is the echo, choice i the echo with ` #i` after it.
        let choices = max(1, Int(json?["n"]?.numberValue?.int64Value ?? 1))
        let additional = choices > 1 ? (1..<choices).map { ResponseChoice(text: "\(text) #\($0)", providerFinishReason: "stop") } : []
        let outputTokens = ([text] + additional.map(\.text)).map { $0.split(whereSeparator: \.isWhitespace).count }.reduce(0, +)
        let model = json?["model"]?.stringValue ?? "fake-model"
        self.route = route
        self.stream = json?["stream"]?.boolValue ?? false
        self.includeUsage = json?["stream_options"]?["include_usage"]?.boolValue ?? false
        switch route {
        case .openAIChat:
            summary = ResponseSummary(
                provider: .openai,
                id: "chatcmpl-fake-\(sequence)",
                model: model,
                created: Self.created,
                text: text,
                providerFinishReason: "stop",
                usage: .init(openAIPromptTokens: inputTokens, completionTokens: outputTokens),
                systemFingerprint: "fp_fake",
                additionalChoices: additional
            )
        case .anthropicMessages:
            summary = ResponseSummary(
                provider: .anthropic,
                id: "msg_fake_\(sequence)",
                model: model,
                text: text,
                providerFinishReason: "end_turn",
                usage: .init(anthropicInputTokens: inputTokens, outputTokens: outputTokens)
            )
        }
    }

    /// The answer as a JSON body in the route's format.
    public var jsonBody: [UInt8] {
        switch route {
        case .openAIChat: summary.openAIChatCompletionBody()
        case .anthropicMessages: summary.anthropicMessageBody()
        }
    }

    /// The answer as SSE events in the route's format. Anthropic's carry a `ping` after
    /// `message_start`, as the real API sends one.
    /// The text arrives word by word, one delta each, as real streams spread it over many.
    public var events: [ServerSentEvent] {
        switch route {
        case .openAIChat:
            return summary.openAIChatCompletionChunks(includeUsage: includeUsage).flatMap {
                Self.splittingText(of: $0, at: [.key("choices"), .index(0), .key("delta"), .key("content")])
            }.interleavingChoices()
        case .anthropicMessages:
            var events = summary.anthropicMessageStream().flatMap { event in
                event.event == "content_block_delta" ? Self.splittingText(of: event, at: [.key("delta"), .key("text")]) : [event]
            }
            events.insert(ServerSentEvent(event: "ping", data: #"{"type": "ping"}"#), at: min(1, events.count))
            return events
        }
    }

    /// ``events`` encoded one by one, so that each can be flushed on its own.
    public var eventBytes: [[UInt8]] {
        let writer = SSEWriter()
        // Rendered events have no line breaks in their names and no ids, so encoding cannot fail.
        return events.map { (try? writer.encode($0)) ?? [] }
    }

    public var streamBytes: [UInt8] { eventBytes.flatMap { $0 } }

    /// The text of the last `user` message: a string, or its `text` parts joined.
    static func lastUserText(_ json: JSONValue?) -> String {
        guard let messages = json?["messages"]?.arrayValue,
            let last = messages.last(where: { $0["role"]?.stringValue == "user" })
        else { return "" }
        if let text = last["content"]?.stringValue { return text }
        let parts = last["content"]?.arrayValue ?? []
        return parts.compactMap { $0["type"]?.stringValue == "text" ? $0["text"]?.stringValue : nil }.joined(separator: " ")
    }

    enum PathStep {
        case key(String)
        case index(Int)
    }

    /// One event per word of the text at `path`, or the event itself when there is no text.
    static func splittingText(of event: ServerSentEvent, at path: [PathStep]) -> [ServerSentEvent] {
        guard let json = try? JSONParser.parse(Array(event.data.utf8)),
            let text = value(in: json, at: path[...])?.stringValue, !text.isEmpty
        else { return [event] }
        return words(text).map { word in
            let data = JSONWriter.minified(replacing(json, at: path[...], with: .string(JSONString(word))))
            return ServerSentEvent(event: event.event, data: String(decoding: data, as: UTF8.self))
        }
    }

    /// `"echo: a b"` → `["echo:", " a", " b"]`: pieces that concatenate to the text.
    public static func words(_ text: String) -> [String] {
        var pieces: [String] = []
        for character in text {
            if pieces.isEmpty || (character == " " && pieces[pieces.count - 1].last != " ") {
                pieces.append(String(character))
            } else {
                pieces[pieces.count - 1].append(character)
            }
        }
        return pieces
    }

    private static func value(in json: JSONValue, at path: ArraySlice<PathStep>) -> JSONValue? {
        guard let step = path.first else { return json }
        switch step {
        case .key(let key): return json[JSONString(key)].flatMap { value(in: $0, at: path.dropFirst()) }
        case .index(let index): return json[index].flatMap { value(in: $0, at: path.dropFirst()) }
        }
    }

    private static func replacing(_ json: JSONValue, at path: ArraySlice<PathStep>, with new: JSONValue) -> JSONValue {
        guard let step = path.first else { return new }
        switch (step, json) {
        case (.key(let key), .object(var members)):
            guard let position = members.firstIndex(where: { $0.key == JSONString(key) }) else { return json }
            members[position].value = replacing(members[position].value, at: path.dropFirst(), with: new)
            return .object(members)
        case (.index(let index), .array(var elements)) where elements.indices.contains(index):
            elements[index] = replacing(elements[index], at: path.dropFirst(), with: new)
            return .array(elements)
        default:
            return json
        }
    }
}

extension [ServerSentEvent] {
    /// OpenAI chunks of several choices (`n > 1`) taken in turn, one of each choice's at a time,
    /// as OpenAI interleaves them; the chunks after the choices' (usage, `[DONE]`) stay last.
    /// One choice's chunks are returned as they are.
    public func interleavingChoices() -> [ServerSentEvent] {
        var perChoice: [Int: [ServerSentEvent]] = [:]
        var tail: [ServerSentEvent] = []
        for event in self {
            let index = (try? JSONParser.parse([UInt8](event.data.utf8)))?["choices"]?[0]?["index"]?.numberValue?.int64Value
            if let index { perChoice[Int(index), default: []].append(event) } else { tail.append(event) }
        }
        guard perChoice.count > 1 else { return self }
        var merged: [ServerSentEvent] = []
        var position = 0
        while merged.count + tail.count < count {
            for index in perChoice.keys.sorted() where position < perChoice[index]!.count {
                merged.append(perChoice[index]![position])
            }
            position += 1
        }
        return merged + tail
    }
}
