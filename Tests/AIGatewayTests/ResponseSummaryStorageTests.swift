import Testing
@testable import AIGateway

@Suite struct ResponseSummaryStorageTests {
    @Test(arguments: ResponseSamples.exchanges.map(\.summary))
    func encodedSummaryDecodesEqual(_ summary: ResponseSummary) throws {
        #expect(try ResponseSummary(decoding: summary.encoded()) == summary)
    }

    @Test func encodingIsDeterministicWithSortedKeys() throws {
        let summary = ResponseSamples.openAIToolCallsSummary
        let bytes = summary.encoded()
        #expect(bytes == summary.encoded())
        #expect(try ResponseSummary(decoding: bytes).encoded() == bytes)
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text == #"{"created":1764403260,"id":"chatcmpl-AXb4Tq1W8eYhZr3nM5kL7pO9iU2","model":"gpt-4o-2024-08-06","provider":"openai","providerFinishReason":"tool_calls","systemFingerprint":"fp_7e3b1c2d4a","text":"","toolCalls":[{"arguments":"{\"location\":\"Paris, France\"}","id":"call_8Qm3vXyZ1aB2cD3eF4gH5iJ6","name":"get_weather"}],"usage":{"cacheReadInputTokens":0,"cacheWriteInputTokens":0,"outputTokens":17,"uncachedInputTokens":82}}"#)
    }

    @Test func storedToolArgumentsKeepTheirExactText() throws {
        var summary = ResponseSamples.openAIToolCallsSummary
        summary.toolCalls[0].arguments = "{ \"a\" : 1.50,\n\t\"b\":\"\\u00e9/é\" }"
        #expect(try ResponseSummary(decoding: summary.encoded()).toolCalls[0].arguments == summary.toolCalls[0].arguments)
    }

    @Test func garbageDoesNotDecode() {
        #expect(throws: ResponseDecodingError.self) { try ResponseSummary(decoding: Array("{\"id\":1}".utf8)) }
        #expect(throws: ResponseDecodingError.self) { try ResponseSummary(decoding: []) }
    }
}
