@testable import AIGateway
import Foundation
import Testing

/// The hit path reads stored summaries with the project's parser; it must read exactly what
/// `JSONDecoder` reads, and refuse what it refuses.
@Suite struct StoredSummaryTests {
    static let summaries: [ResponseSummary] = ResponseSamples.exchanges.map(\.summary) + [
        ResponseSummary(provider: .openai, id: "chatcmpl-1", model: "gpt-4o-mini", created: 1_700_000_000,
                        refusal: "I can't help with that.", providerFinishReason: "stop"),
        ResponseSummary(provider: .anthropic, id: "msg_1", model: "claude-haiku-4-5", text: "Ünïcode \u{1F600} \"quoted\"\n",
                        providerFinishReason: "stop_sequence",
                        usage: .init(uncachedInput: 3, output: 4, cacheRead: 5, cacheWrite: 6), stopSequence: "END"),
    ]

    @Test(arguments: summaries)
    func readsWhatWasWrittenAsJSONDecoderDoes(summary: ResponseSummary) throws {
        let bytes = summary.encoded()
        let fast = try ResponseSummary(decoding: bytes)
        #expect(fast == summary)
        #expect(fast == (try JSONDecoder().decode(ResponseSummary.self, from: Data(bytes))))
    }

    /// `encoded()` writes by hand what `JSONEncoder` with sorted keys writes: the same members in
    /// the same order with the same values (string escapes may be spelled differently).
    @Test(arguments: summaries)
    func writesWhatJSONEncoderWrites(summary: ResponseSummary) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let expected = try JSONParser.parse(Array(try encoder.encode(summary)))
        let written = try JSONParser.parse(summary.encoded())
        #expect(written == expected)
        #expect(JSONWriter.minified(written) == JSONWriter.minified(expected))
    }

    @Test(arguments: ["provider", "id", "text", "toolCalls", "providerFinishReason"])
    func aMissingRequiredFieldIsUnreadable(field: String) throws {
        var json = try JSONParser.parse(ResponseSamples.anthropicToolUseSummary.encoded())
        guard case .object(let members) = json else { Issue.record("not an object"); return }
        json = .object(members.filter { $0.key.string != field })
        #expect(throws: ResponseDecodingError.self) { try ResponseSummary(decoding: JSONWriter.minified(json)) }
    }

    @Test func aWrongTypeOrUnknownProviderIsUnreadable() {
        let wrongType = #"{"id":"x","model":"m","provider":"openai","providerFinishReason":"stop","text":7,"toolCalls":[]}"#
        let unknownProvider = #"{"id":"x","model":"m","provider":"mistral","providerFinishReason":"stop","text":"","toolCalls":[]}"#
        #expect(throws: ResponseDecodingError.self) { try ResponseSummary(decoding: Array(wrongType.utf8)) }
        #expect(throws: ResponseDecodingError.self) { try ResponseSummary(decoding: Array(unknownProvider.utf8)) }
    }

    /// The memo keeps one summary per key; a rewritten entry (other bytes under the same key)
    /// is read afresh, and unreadable bytes are never remembered.
    @Test func theMemoKeepsOneSummaryPerKeyAndFollowsRewrites() throws {
        let memo = StoredSummaryMemo(capacity: 2)
        let key = CacheKey(hashing: Array("memo".utf8))
        let first = Self.summaries[0], second = Self.summaries[1]
        #expect(try memo.summary(for: key, stored: first.encoded()) == first)
        #expect(try memo.summary(for: key, stored: first.encoded()) == first)
        #expect(memo.count == 1)
        #expect(try memo.summary(for: key, stored: second.encoded()) == second)
        #expect(throws: ResponseDecodingError.self) { try memo.summary(for: key, stored: Array("{}".utf8)) }
        #expect(try memo.summary(for: key, stored: second.encoded()) == second)
        #expect(memo.count == 1)
    }

    @Test func theMemoStaysWithinItsCapacity() throws {
        let memo = StoredSummaryMemo(capacity: 3)
        let bytes = Self.summaries[0].encoded()
        for index in 0..<10 { _ = try memo.summary(for: CacheKey(hashing: Array("key \(index)".utf8)), stored: bytes) }
        #expect(memo.count <= 3)
        #expect(memo.count >= 1)
    }

    /// A summary holds the whole answer, so the memo is bounded by bytes too, and a very long
    /// answer is read each time rather than remembered.
    @Test func theMemoStaysWithinItsByteBudgetAndSkipsLongAnswers() throws {
        let small = Self.summaries[0].encoded()
        let memo = StoredSummaryMemo(capacity: 1_000, budgetBytes: 5 * 2 * small.count, maxSummaryBytes: 4 * small.count)
        for index in 0..<20 { _ = try memo.summary(for: CacheKey(hashing: Array("key \(index)".utf8)), stored: small) }
        #expect(memo.rememberedBytes <= memo.budgetBytes)
        #expect(memo.count >= 1)

        var long = Self.summaries[0]
        long.text = String(repeating: "long answer ", count: small.count)
        let longBytes = long.encoded()
        let before = memo.count
        #expect(try memo.summary(for: CacheKey(hashing: Array("long".utf8)), stored: longBytes) == long)
        #expect(memo.count == before)
        #expect(memo.rememberedBytes <= memo.budgetBytes)
    }
}
