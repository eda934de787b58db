import Testing
import FakeProvider
@testable import AIGateway

/// Randomized checks with a seeded generator: renderings that mean the same request always
/// get one key, and single changes that matter always get another.
@Suite struct CanonicalPropertyTests {
    struct Sample: Sendable, CustomTestStringConvertible {
        var name: String
        var provider: Provider
        var body: String
        /// Paths (in `a.b[].c` notation, `[]` for any element) of user-authored payloads whose
        /// key order must be kept — written out here independently of the implementation.
        var orderedPayloads: [String]
        var setFields: [String]
        var mutations: [Mutation]
        var testDescription: String { name }
    }

    struct Mutation: Sendable {
        var name: String
        var old: String
        var new: String
    }

    static let weatherTool = #"{"type":"function","function":{"name":"get_weather","description":"Weather by city.","strict":true,"parameters":{"type":"object","properties":{"city":{"type":"string","description":"City name"},"unit":{"type":"string","enum":["c","f"]}},"required":["city","unit"],"additionalProperties":false}}}"#
    static let timeTool = #"{"type":"function","function":{"name":"get_time","parameters":{"type":"object","properties":{"tz":{"type":"string"}}}}}"#
    static let openAIUser = #"{"role":"user","content":[{"type":"text","text":"What is the weather in Paris?"},{"type":"image_url","image_url":{"url":"https://example.com/paris.png","detail":"low"}}]}"#
    static let openAIAssistant = #"{"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Paris\",\"unit\":\"c\"}"}}]}"#
    static let openAIToolResult = #"{"role":"tool","tool_call_id":"call_1","content":"18°C, clear — \"nice\"\n"}"#

    static let openAIChat = Sample(
        name: "OpenAI chat with tools, tool calls, image and stop",
        provider: .openai,
        body: #"""
            {"model":"gpt-4o","messages":[{"role":"developer","content":"You are terse.\tAnswer in French."},\#(openAIUser),\#(openAIAssistant),\#(openAIToolResult)],
             "tools":[\#(weatherTool),\#(timeTool)],"tool_choice":"auto","temperature":0.2,"top_p":0.95,"seed":9007199254740993,
             "stop":["\n\nUser:","END"],"max_tokens":256,"logit_bias":{"50256":-100,"198":-1.5},"user":"u-42","stream":false,
             "response_format":{"type":"json_schema","json_schema":{"name":"answer","strict":true,"schema":{"type":"object","properties":{"summary":{"type":"string"},"celsius":{"type":"number"}},"required":["summary","celsius"]}}}}
            """#,
        orderedPayloads: ["tools[].function.parameters", "response_format.json_schema.schema"],
        setFields: ["stop"],
        mutations: [
            Mutation(name: "text by one character", old: "in Paris?", new: "in Paris!"),
            Mutation(name: "a trailing space", old: "Answer in French.", new: "Answer in French. "),
            Mutation(name: "temperature", old: #""temperature":0.2"#, new: #""temperature":0.21"#),
            Mutation(name: "seed's last digit", old: "9007199254740993", new: "9007199254740992"),
            Mutation(name: "model", old: #""gpt-4o""#, new: #""gpt-4o-2024-08-06""#),
            Mutation(name: "swapped messages", old: "\(openAIAssistant),\(openAIToolResult)", new: "\(openAIToolResult),\(openAIAssistant)"),
            Mutation(name: "swapped tools", old: "\(weatherTool),\(timeTool)", new: "\(timeTool),\(weatherTool)"),
            Mutation(name: "reordered schema properties", old: #""properties":{"city":{"type":"string","description":"City name"},"unit":{"type":"string","enum":["c","f"]}}"#, new: #""properties":{"unit":{"type":"string","enum":["c","f"]},"city":{"type":"string","description":"City name"}}"#),
            Mutation(name: "reordered response schema", old: #""properties":{"summary":{"type":"string"},"celsius":{"type":"number"}}"#, new: #""properties":{"celsius":{"type":"number"},"summary":{"type":"string"}}"#),
            Mutation(name: "an enum's order", old: #"["c","f"]"#, new: #"["f","c"]"#),
            Mutation(name: "an unknown field", old: #""model":"#, new: #""foo":1,"model":"#),
            Mutation(name: "a tool name", old: #""name":"get_time""#, new: #""name":"get_times""#),
            Mutation(name: "an image URL", old: "paris.png", new: "paris.jpg"),
            Mutation(name: "image detail", old: #""detail":"low""#, new: #""detail":"high""#),
            Mutation(name: "tool call arguments spacing", old: #"{\"city\":\"Paris\""#, new: #"{\"city\": \"Paris\""#),
            Mutation(name: "a tool result", old: "18°C", new: "19°C"),
            Mutation(name: "a stop sequence", old: #""END"]"#, new: #""END","STOP"]"#),
            Mutation(name: "tool choice", old: #""tool_choice":"auto""#, new: #""tool_choice":"required""#),
            Mutation(name: "max tokens", old: #""max_tokens":256"#, new: #""max_tokens":257"#),
            Mutation(name: "a role", old: #""role":"developer""#, new: #""role":"system""#),
            Mutation(name: "strict flag", old: #""strict":true,"parameters""#, new: #""strict":false,"parameters""#),
            Mutation(name: "a logit bias", old: #""198":-1.5"#, new: #""198":-1.25"#),
        ]
    )

    static let anthropicToolUse = #"{"role":"assistant","content":[{"type":"text","text":"Checking."},{"type":"tool_use","id":"toolu_1","name":"lookup","input":{"query":"tides","days":3,"cache_control":"user data"}}]}"#
    static let anthropicToolResult = #"{"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1","content":"High tide 06:12","cache_control":{"type":"ephemeral"}}]}"#

    static let anthropicMessages = Sample(
        name: "Anthropic messages with system blocks, tools, image and tool use",
        provider: .anthropic,
        body: #"""
            {"model":"claude-sonnet-4-5-20250929","max_tokens":1024,"system":[{"type":"text","text":"You are a harbour master.","cache_control":{"type":"ephemeral"}},{"type":"text","text":"Use metric units."}],
             "messages":[{"role":"user","content":[{"type":"image","source":{"type":"base64","media_type":"image/png","data":"iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="}},{"type":"text","text":"When is high tide?"}]},\#(anthropicToolUse),\#(anthropicToolResult)],
             "tools":[{"name":"lookup","description":"Tide tables.","input_schema":{"type":"object","properties":{"query":{"type":"string"},"days":{"type":"integer","minimum":1}},"required":["query"]},"cache_control":{"type":"ephemeral"}}],
             "tool_choice":{"type":"auto","disable_parallel_tool_use":false},"stop_sequences":["\n\nHuman:","###"],"temperature":0.5,"top_k":40,
             "metadata":{"user_id":"abc"},"stream":true,"thinking":{"type":"enabled","budget_tokens":2048}}
            """#,
        orderedPayloads: ["tools[].input_schema", "messages[].content[].input"],
        setFields: ["stop_sequences"],
        mutations: [
            Mutation(name: "system text", old: "harbour master.", new: "harbour master!"),
            Mutation(name: "system blocks merged", old: #"You are a harbour master.","cache_control":{"type":"ephemeral"}},{"type":"text","text":"Use metric units."}"#, new: #"You are a harbour master.Use metric units."}"#),
            Mutation(name: "image data", old: "60e6kgAAAABJRU5ErkJggg==", new: "60e6kgAAAABJRU5ErkJggA=="),
            Mutation(name: "image media type", old: "image/png", new: "image/jpeg"),
            Mutation(name: "tool input order", old: #"{"query":"tides","days":3,"#, new: #"{"days":3,"query":"tides","#),
            Mutation(name: "tool input number", old: #""days":3"#, new: #""days":4"#),
            Mutation(name: "cache_control inside a tool input", old: #""cache_control":"user data""#, new: #""cache_control":"other data""#),
            Mutation(name: "schema property order", old: #""properties":{"query":{"type":"string"},"days":{"type":"integer","minimum":1}}"#, new: #""properties":{"days":{"type":"integer","minimum":1},"query":{"type":"string"}}"#),
            Mutation(name: "swapped messages", old: "\(anthropicToolUse),\(anthropicToolResult)", new: "\(anthropicToolResult),\(anthropicToolUse)"),
            Mutation(name: "a tool name", old: #""name":"lookup","description""#, new: #""name":"lookups","description""#),
            Mutation(name: "temperature", old: #""temperature":0.5"#, new: #""temperature":1"#),
            Mutation(name: "top_k", old: #""top_k":40"#, new: #""top_k":41"#),
            Mutation(name: "thinking budget", old: "2048", new: "2049"),
            Mutation(name: "a stop sequence", old: "\"###\"]", new: "\"###\",\"@@@\"]"),
            Mutation(name: "an unknown field", old: #""model":"#, new: #""foo":null,"bar":[],"model":"#),
            Mutation(name: "model", old: "claude-sonnet-4-5-20250929", new: "claude-sonnet-4-5"),
            Mutation(name: "tool result text", old: "High tide 06:12", new: "High tide 06:13"),
            Mutation(name: "parallel tool use", old: #""disable_parallel_tool_use":false"#, new: #""disable_parallel_tool_use":true"#),
        ]
    )

    static let openAISimple = Sample(
        name: "OpenAI multi-turn text",
        provider: .openai,
        body: #"""
            {"model":"gpt-4o-mini","messages":[{"role":"system","content":"Résumé: café, naïve, 日本語 😀"},{"role":"user","content":"Hi"},{"role":"assistant","content":"Hello! How can I help?"},{"role":"user","content":"Tell me a joke."}],
             "n":2,"presence_penalty":0.5,"frequency_penalty":-0.25,"stop":"\n","logprobs":true,"top_logprobs":3}
            """#,
        orderedPayloads: [],
        setFields: ["stop"],
        mutations: [
            Mutation(name: "decomposed é", old: "café", new: "cafe\\u0301"),
            Mutation(name: "case", old: "Tell me a joke.", new: "tell me a joke."),
            Mutation(name: "n", old: #""n":2"#, new: #""n":3"#),
            Mutation(name: "penalty sign", old: "-0.25", new: "0.25"),
            Mutation(name: "removed message", old: #"{"role":"user","content":"Hi"},{"role":"assistant","content":"Hello! How can I help?"},"#, new: ""),
            Mutation(name: "top_logprobs", old: #""top_logprobs":3"#, new: #""top_logprobs":2"#),
            Mutation(name: "stop", old: #""stop":"\n""#, new: #""stop":"\r\n""#),
        ]
    )

    static let samples = [openAIChat, anthropicMessages, openAISimple]

    private func key(_ body: [UInt8], _ provider: Provider) throws -> CacheKey {
        let request = try Canonicalizer.canonicalize(body: body, provider: provider)
        return KeyDocument(request: request, scope: .tenant("t")).key
    }

    @Test(arguments: samples)
    func equivalentRenderingsShareOneKey(sample: Sample) throws {
        let value = try JSONParser.parse(Array(sample.body.utf8))
        let expected = try key(Array(sample.body.utf8), sample.provider)
        var generator = SplitMix64(seed: 0x5EED_0001 &+ UInt64(sample.name.utf8.count))
        for _ in 0..<400 {
            var renderer = RandomRendering(generator: generator, orderedPayloads: sample.orderedPayloads, setFields: sample.setFields)
            let text = renderer.render(value)
            generator = renderer.generator
            let got = try key(text, sample.provider)
            #expect(got == expected, "\(String(decoding: text, as: UTF8.self))")
            if got != expected { return }
        }
    }

    @Test(arguments: samples)
    func changesThatMatterChangeTheKey(sample: Sample) throws {
        let original = try key(Array(sample.body.utf8), sample.provider)
        var generator = SplitMix64(seed: 0xC4A_4E5)
        for mutation in sample.mutations {
            #expect(sample.body.contains(mutation.old), "mutation \(mutation.name) does not apply")
            let mutated = sample.body.replacingUTF8(mutation.old, with: mutation.new)
            let mutatedKey = try key(Array(mutated.utf8), sample.provider)
            #expect(mutatedKey != original, "\(mutation.name) did not change the key")
            // The changed request is itself stable under equivalent renderings.
            let value = try JSONParser.parse(Array(mutated.utf8))
            for _ in 0..<20 {
                var renderer = RandomRendering(generator: generator, orderedPayloads: sample.orderedPayloads, setFields: sample.setFields)
                let text = renderer.render(value)
                generator = renderer.generator
                #expect(try key(text, sample.provider) == mutatedKey, "\(mutation.name)")
            }
        }
    }
}
