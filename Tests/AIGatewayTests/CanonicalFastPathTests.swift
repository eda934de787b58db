import FakeProvider
import Testing
@testable import AIGateway
@testable import AIGatewayCore

/// The one-pass scanner (`CanonicalScanner`) against the tree-based reference path it stands
/// in for: byte-identical canonical requests and identical errors, on the property tests'
/// renderings, on corrupted copies of them, and on the edge cases of every rule.
@Suite struct CanonicalFastPathTests {
    typealias Outcome = Result<CanonicalRequest, CanonicalizationError>

    private static func outcome(
        _ body: [UInt8],
        _ provider: Provider,
        limits: JSONLimits = .default,
        reference: Bool
    ) -> Outcome {
        do throws(CanonicalizationError) {
            return .success(
                reference
                    ? try Canonicalizer.referenceCanonicalize(body: body, provider: provider, limits: limits)
                    : try Canonicalizer.canonicalize(body: body, provider: provider, limits: limits))
        } catch {
            return .failure(error)
        }
    }

    private func expectSameOutcome(
        _ body: [UInt8],
        _ provider: Provider,
        limits: JSONLimits = .default,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let fast = Self.outcome(body, provider, limits: limits, reference: false)
        let reference = Self.outcome(body, provider, limits: limits, reference: true)
        #expect(fast == reference, "\(provider): \(String(decoding: body, as: UTF8.self))", sourceLocation: sourceLocation)
    }

    /// Renderings of the property samples and of their mutations.
    private static func renderings(of sample: CanonicalPropertyTests.Sample, count: Int) throws -> [[UInt8]] {
        var bodies = [Array(sample.body.utf8)]
        var generator = SplitMix64(seed: 0xFA57_0001 &+ UInt64(sample.name.utf8.count))
        var sources = [sample.body]
        for mutation in sample.mutations {
            sources.append(sample.body.replacingUTF8(mutation.old, with: mutation.new))
        }
        for source in sources {
            let value = try JSONParser.parse(Array(source.utf8))
            for _ in 0..<count {
                var renderer = RandomRendering(generator: generator, orderedPayloads: sample.orderedPayloads, setFields: sample.setFields)
                bodies.append(renderer.render(value))
                generator = renderer.generator
            }
        }
        return bodies
    }

    @Test(arguments: CanonicalPropertyTests.samples)
    func renderingsTakeTheFastPathAndMatchTheReference(sample: CanonicalPropertyTests.Sample) throws {
        for body in try Self.renderings(of: sample, count: 25) {
            #expect(CanonicalScanner.canonicalBody(body, provider: sample.provider, limits: .default) != nil)
            expectSameOutcome(body, sample.provider)
            expectSameOutcome(body, sample.provider == .openai ? .anthropic : .openai)
        }
    }

    @Test(arguments: CanonicalPropertyTests.samples)
    func corruptedRenderingsMatchTheReference(sample: CanonicalPropertyTests.Sample) throws {
        var generator = SplitMix64(seed: 0xBAD_B17E)
        let junk: [UInt8] = Array(#"{}[]",:\u0"#.utf8) + [0x00, 0x1F, 0x80, 0xC0, 0xED, 0xA0, 0xF4, 0xFF, 0x30, 0x2D, 0x65, 0x6E]
        for body in try Self.renderings(of: sample, count: 3) {
            for _ in 0..<20 {
                var corrupted = body
                let position = Int.random(in: 0..<corrupted.count, using: &generator)
                switch Int.random(in: 0..<3, using: &generator) {
                case 0: corrupted[position] = junk.randomElement(using: &generator)!
                case 1: corrupted.remove(at: position)
                default: corrupted.insert(junk.randomElement(using: &generator)!, at: position)
                }
                expectSameOutcome(corrupted, sample.provider)
            }
        }
    }

    static let edgeCases: [String] = [
        "", " ", "[]", "{}", "1", "\u{FEFF}{}", #"{"model":"m","messages":[]} x"#, #"{"model":"m","messages":[]}"#,
        #"{"model":"m","messages":[],}"#, #"{"model":"m" "messages":[]}"#, #" {"model" : "m" , "messages" : [ ] } "#,
        // model, messages, stream
        #"{"model":null,"messages":[]}"#, #"{"model":"","messages":[]}"#, #"{"model":1,"messages":[]}"#,
        #"{"model":"a\/b\u00e9\"","messages":[]}"#, #"{"messages":[]}"#, #"{"model":"m"}"#,
        #"{"model":"m","messages":null}"#, #"{"model":"m","messages":{}}"#, #"{"model":"m","messages":[1]}"#,
        #"{"model":"m","messages":[{},null]}"#, #"{"model":"m","messages":[[]]}"#,
        #"{"model":"m","messages":[],"stream":"yes"}"#, #"{"model":"m","messages":[],"stream":null}"#,
        #"{"model":"m","messages":[],"stream":true}"#, #"{"model":"m","messages":[],"stream":false,"stream_options":{}}"#,
        // max tokens
        #"{"model":"m","messages":[],"max_tokens":5,"max_completion_tokens":5.0}"#,
        #"{"model":"m","messages":[],"max_tokens":5,"max_completion_tokens":6}"#,
        #"{"model":"m","messages":[],"max_tokens":5,"max_completion_tokens":null}"#,
        #"{"model":"m","messages":[],"max_tokens":null,"max_completion_tokens":7}"#,
        #"{"model":"m","messages":[],"max_tokens":{"b":1,"a":2}}"#,
        // defaults
        #"{"model":"m","messages":[],"temperature":1.0,"top_p":1e0,"n":10e-1,"presence_penalty":-0,"frequency_penalty":0.0,"logprobs":false}"#,
        #"{"model":"m","messages":[],"temperature":"1","top_p":[1],"n":true,"logprobs":0}"#,
        #"{"model":"m","messages":[],"tools":[],"tool_choice":"none","parallel_tool_calls":true}"#,
        #"{"model":"m","messages":[],"tools":[{}],"tool_choice":"auto","parallel_tool_calls":true}"#,
        #"{"model":"m","messages":[],"tools":[{}],"tool_choice":"none"}"#, #"{"model":"m","messages":[],"tools":{},"tool_choice":"none"}"#,
        #"{"model":"m","messages":[],"tools":null,"tool_choice":"auto"}"#, #"{"model":"m","messages":[],"tool_choice":"\u006eone"}"#,
        // sets
        #"{"model":"m","messages":[],"stop":"x"}"#, #"{"model":"m","messages":[],"stop":["b","a","b","\n","\u0001"]}"#,
        #"{"model":"m","messages":[],"stop":[1,"a"]}"#, #"{"model":"m","messages":[],"stop":[]}"#, #"{"model":"m","messages":[],"stop":null}"#,
        #"{"model":"m","messages":[],"stop":{"b":null,"a":1}}"#,
        #"{"model":"m","messages":[],"stop_sequences":"x"}"#, #"{"model":"m","messages":[],"stop_sequences":["z","é","e\u0301","z"]}"#,
        // keys: escapes, sorting, duplicates, dropped
        #"{"model":"m","messages":[],"\u0062":1,"a":2,"c\"d":3,"\u00e9":4,"é2":5,"\ud83d\ude00":6}"#,
        #"{"model":"m","messages":[],"ab":1,"a\u0062":2}"#, #"{"model":"m","model":"m","messages":[]}"#,
        #"{"model":"m","messages":[{"role":"user","role":"user"}]}"#,
        #"{"model":"m","messages":[],"tools":[{"function":{"parameters":{"a":1,"a":1}}}]}"#,
        #"{"model":"m","messages":[],"tools":[{"function":{"parameters":{"b":1,"a":null,"cache_control":{}}}}]}"#,
        #"{"model":"m","messages":[],"cache_control":1,"x":{"cache_control":{"type":"ephemeral"},"y":null}}"#,
        #"{"model":"m","messages":[],"metadata":{},"user":"u","store":true,"service_tier":"auto","safety_identifier":"s","prompt_cache_key":"k"}"#,
        // shorthands
        #"{"model":"m","system":"S","messages":[{"role":"user","content":"hi"},{"role":"user","content":[{"type":"text","text":"x"}]}]}"#,
        #"{"model":"m","system":null,"messages":[{"content":"a","role":"user"},{"content":null,"role":"assistant"},{"content":1}]}"#,
        #"{"model":"m","messages":[{"role":"user","content":[{"content":"ok","type":"tool_result"},{"type":"tool_result","content":"ok2"},{"type":"other","content":"no"},{"type":null,"content":"no"},{"content":"no"},{"type":"tool_result","content":[{"type":"text","text":"t","cache_control":{}}]}]}]}"#,
        #"{"model":"m","messages":[{"role":"user","content":[{"type":"tool_use","input":{"z":null,"a":"\u0041","cache_control":1},"id":"1"}]}]}"#,
        #"{"model":"m","messages":[],"tools":[{"input_schema":{"b":1,"a":2},"input_examples":[{"y":1,"x":2}],"cache_control":{}}],"output_format":{"schema":{"q":1,"p":2}},"output_config":{"format":{"schema":{"s":1,"r":2}}}}"#,
        #"{"model":"m","messages":[],"functions":[{"parameters":{"b":1,"a":2}}],"response_format":{"type":"json_schema","json_schema":{"schema":{"d":1,"c":2},"name":"x"}}}"#,
        // strings
        #"{"model":"m","messages":[],"s":"\/\b\f\n\r\t\u0000\u001f\u007f\u2028\"\\\u00E9\uD83D\uDE00 😀 é"}"#,
        #"{"model":"m","messages":[],"s":"\ud800"}"#, #"{"model":"m","messages":[],"s":"\udc00x"}"#, #"{"model":"m","messages":[],"s":"\ud800\u0041"}"#,
        #"{"model":"m","messages":[],"s":"\x"}"#, #"{"model":"m","messages":[],"s":"\u12"}"#, #"{"model":"m","messages":[],"s":"\u12G4"}"#,
        // numbers
        #"{"model":"m","messages":[],"a":[0,-0,0.0,-0.0,1.50,-1.50,100,1e2,1E+2,1.5e3,0.000001,0.0000001,1e-7,1e21,123456789012345678901,1234567890123456789012,1234567890123456789012.5,1000000000000000000000.0,9007199254740993,0.1e1,5e-1]}"#,
        #"{"model":"m","messages":[],"a":01}"#, #"{"model":"m","messages":[],"a":1.}"#, #"{"model":"m","messages":[],"a":1e}"#,
        #"{"model":"m","messages":[],"a":-}"#, #"{"model":"m","messages":[],"a":1e1000000001}"#, #"{"model":"m","messages":[],"a":1e-999999999}"#,
        #"{"model":"m","messages":[],"a":tru}"#, #"{"model":"m","messages":[],"a":nul"#, #"{"model":"m","messages":[],"a":"#,
    ]

    @Test func edgeCasesMatchTheReference() {
        for body in Self.edgeCases {
            for provider in Provider.allCases {
                expectSameOutcome(Array(body.utf8), provider)
            }
        }
    }

    @Test func invalidUTF8AndLimitsMatchTheReference() {
        let prefix = Array(#"{"model":"m","messages":[],"s":""#.utf8)
        for bytes: [UInt8] in [[0xC0, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0x80], [0xE2, 0x82], [0xF0, 0x9F, 0x98, 0x80], [0xE2, 0x80, 0xA8]] {
            expectSameOutcome(prefix + bytes + Array(#""}"#.utf8), .openai)
        }
        let deep = #"{"model":"m","messages":[],"x":"# + String(repeating: "[", count: 5) + String(repeating: "]", count: 5) + "}"
        for depth in 1...8 {
            expectSameOutcome(Array(deep.utf8), .openai, limits: JSONLimits(maxDepth: depth))
        }
        let body = Array(#"{"model":"m","messages":[]}"#.utf8)
        expectSameOutcome(body, .openai, limits: JSONLimits(maxBytes: body.count - 1))
        expectSameOutcome(body, .openai, limits: JSONLimits(maxBytes: body.count))
    }
}
