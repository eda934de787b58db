@testable import AIGateway
import Testing

/// The bodies the library sends: what an official SDK would send for the same request, so
/// library and HTTP clients share cache entries.
@Suite struct RequestBodyTests {
    let weatherTool = ToolDefinition(
        name: "get_weather", description: "Weather for a city",
        parametersJSON: #"{"type":"object","properties":{"city":{"type":"string"},"unit":{"enum":["c","f"]}},"required":["city"]}"#)

    private func openAI(_ request: GenerateTextRequest, stream: Bool = false) throws -> JSONValue {
        try JSONParser.parse(try OpenAIChatBody.make(request, stream: stream))
    }

    private func anthropic(_ request: GenerateTextRequest, stream: Bool = false) throws -> JSONValue {
        try JSONParser.parse(try AnthropicMessagesBody.make(request, stream: stream, defaultMaxTokens: 1_024))
    }

    private var conversation: [ChatMessage] {
        [
            .system("Be brief."),
            .user([.text("What is in this picture?"), .imageURL("https://example.com/cat.png"),
                   .imageBase64(mediaType: "image/png", data: "iVBORw0KGgo=")]),
            .assistant(toolCalls: [.init(id: "call_1", name: "get_weather", arguments: #"{"city":"Paris","unit":"c"}"#)]),
            .tool(callId: "call_1", #"{"temp":21}"#),
            .user("Thanks"),
        ]
    }

    @Test func openAIBodyCarriesToolsImagesToolCallsAndStops() throws {
        let request = GenerateTextRequest(tenantId: "t", model: "gpt-4o", messages: conversation,
                                          temperature: 0.2, maxTokens: 50, stop: ["END"], tools: [weatherTool], seed: 7)
        let body = try openAI(request)
        #expect(body["model"]?.stringValue == "gpt-4o")
        #expect(body["max_completion_tokens"]?.numberValue == JSONNumber(50))
        #expect(body["temperature"]?.numberValue == JSONNumber("0.2"))
        #expect(body["seed"]?.numberValue == JSONNumber(7))
        #expect(body["stop"]?[0]?.stringValue == "END")
        let messages = try #require(body["messages"]?.arrayValue)
        #expect(messages.map { $0["role"]?.stringValue } == ["system", "user", "assistant", "tool", "user"])
        #expect(messages[1]["content"]?[1]?["image_url"]?["url"]?.stringValue == "https://example.com/cat.png")
        #expect(messages[1]["content"]?[2]?["image_url"]?["url"]?.stringValue == "data:image/png;base64,iVBORw0KGgo=")
        #expect(messages[2]["content"] == .null)
        #expect(messages[2]["tool_calls"]?[0]?["function"]?["arguments"]?.stringValue == #"{"city":"Paris","unit":"c"}"#)
        #expect(messages[3]["tool_call_id"]?.stringValue == "call_1")
        let parameters = try #require(body["tools"]?[0]?["function"]?["parameters"]?.objectMembers)
        #expect(parameters.map(\.key.string) == ["type", "properties", "required"])
        #expect(body["stream"] == nil)
    }

    @Test func openAIStreamAsksForUsageWithoutChangingTheKey() throws {
        let request = GenerateTextRequest(tenantId: "t", model: "gpt-4o-mini", messages: [.user("hi")])
        let streamed = try openAI(request, stream: true)
        #expect(streamed["stream"] == true)
        #expect(streamed["stream_options"]?["include_usage"] == true)
        let plainKey = try key(OpenAIChatBody.make(request, stream: false), .openai)
        let streamKey = try key(OpenAIChatBody.make(request, stream: true), .openai)
        #expect(plainKey == streamKey)
    }

    @Test func openAIJSONOutputModes() throws {
        var request = GenerateTextRequest(tenantId: "t", model: "gpt-4o-mini", messages: [.user("hi")], outputFormat: .jsonObject)
        #expect(try openAI(request)["response_format"]?["type"]?.stringValue == "json_object")
        request.outputFormat = .jsonSchema(name: "answer", schemaJSON: #"{"type":"object","properties":{"b":{},"a":{}}}"#)
        let format = try #require(try openAI(request)["response_format"])
        #expect(format["type"]?.stringValue == "json_schema")
        #expect(format["json_schema"]?["schema"]?["properties"]?.objectMembers?.map(\.key.string) == ["b", "a"])
    }

    @Test func anthropicBodyMovesSystemOutAndToolResultsIntoUserTurns() throws {
        let request = GenerateTextRequest(tenantId: "t", model: "claude-3-5-sonnet-20241022", messages: conversation,
                                          stop: ["END"], tools: [weatherTool])
        let body = try anthropic(request)
        #expect(body["system"]?.stringValue == "Be brief.")
        #expect(body["max_tokens"]?.numberValue == JSONNumber(1_024))
        #expect(body["stop_sequences"]?[0]?.stringValue == "END")
        #expect(body["tools"]?[0]?["input_schema"]?["required"]?[0]?.stringValue == "city")
        let messages = try #require(body["messages"]?.arrayValue)
        #expect(messages.map { $0["role"]?.stringValue } == ["user", "assistant", "user", "user"])
        #expect(messages[0]["content"]?[1]?["source"]?["type"]?.stringValue == "url")
        #expect(messages[0]["content"]?[2]?["source"]?["media_type"]?.stringValue == "image/png")
        #expect(messages[1]["content"]?[0]?["type"]?.stringValue == "tool_use")
        #expect(messages[1]["content"]?[0]?["input"]?["city"]?.stringValue == "Paris")
        #expect(messages[2]["content"]?[0]?["type"]?.stringValue == "tool_result")
        #expect(messages[2]["content"]?[0]?["tool_use_id"]?.stringValue == "call_1")
    }

    @Test func anthropicRejectsWhatItCannotExpress() {
        var request = GenerateTextRequest(tenantId: "t", model: "claude-3-5-haiku-latest", messages: [.user("hi")], seed: 1)
        #expect(throws: GatewayError.self) { try anthropic(request) }
        request.seed = nil
        request.outputFormat = .jsonObject
        #expect(throws: GatewayError.self) { try anthropic(request) }
    }

    @Test func badToolSchemaAndNonFiniteNumbersAreInvalidRequests() {
        let badTool = ToolDefinition(name: "broken", parametersJSON: "{not json")
        let request = GenerateTextRequest(tenantId: "t", model: "gpt-4o", messages: [.user("hi")], tools: [badTool])
        #expect(throws: GatewayError.self) { try openAI(request) }
        let nan = GenerateTextRequest(tenantId: "t", model: "gpt-4o", messages: [.user("hi")], temperature: .nan)
        #expect(throws: GatewayError.self) { try openAI(nan) }
    }

    /// What the official OpenAI SDK sends for the same call, pretty-printed in another key
    /// order: the library's request must land on the same cache entry.
    @Test func libraryAndSDKBodiesShareAKey() throws {
        let sdkBody = """
            {
              "messages": [
                {"content": "You are a helpful assistant.", "role": "system"},
                {"content": "What is the weather like today?", "role": "user"}
              ],
              "model": "gpt-4o-mini",
              "max_tokens": 1000,
              "temperature": 0.7
            }
            """
        let library = try OpenAIChatBody.make(weatherRequest, stream: false)
        #expect(try key(library, .openai) == key(Array(sdkBody.utf8), .openai))
    }

    private func key(_ body: [UInt8], _ provider: Provider) throws -> CacheKey {
        KeyDocument(request: try Canonicalizer.canonicalize(body: body, provider: provider), scope: .tenant("workspace_123")).key
    }
}
