@testable import AIGateway
import FakeProvider
import Foundation
import Testing

@Suite struct FixtureFormatTests {
    func fixture(body: String = #"{"id":"x","price":1.50,"big":12345678901234567890}"#) throws -> Fixture {
        let request = try Canonicalizer.canonicalize(body: Array(#"{"model":"m","messages":[{"role":"user","content":"hi"}]}"#.utf8), provider: .openai)
        return Fixture(key: KeyDocument(request: request, scope: .tenant("t")).key, scope: .tenant("t"), request: request,
                       recordedAt: "2026-01-02T03:04:05Z",
                       response: FixtureResponse(status: 200, headers: ["content-type": "application/json"],
                                                 content: .json(try JSONParser.parse(Array(body.utf8)))),
                       usage: BilledTokens(uncachedInput: 3, output: 4), cost: USD(parsing: "0.000135"))
    }

    @Test func aFileReadsBackAsTheSameFixtureAndKeepsNumbersAsWritten() throws {
        let original = try fixture()
        let bytes = original.fileBytes
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.hasSuffix("}\n") && !text.contains("\r") && text.contains("\n  \"cost_usd\": \"0.000135\""))
        #expect(text.contains("\"price\": 1.50") && text.contains("12345678901234567890"))
        let read = try Fixture(fileBytes: bytes, file: "f.json")
        #expect(read == original)
        #expect(read.fileBytes == bytes)
    }

    @Test func theWriterRefusesBearerTokensButNotProse() throws {
        let scan = FixtureSecretScan(secrets: [])
        let token = "Bearer " + String(repeating: "a1B2", count: 6)
        #expect(throws: FixtureError.refused(path: "response.body.note", reason: "contains a bearer token ('Bearer …')")) {
            try scan.check(.object([JSONMember("response", .object([JSONMember("body", .object([JSONMember("note", .string(JSONString(token)))]))]))]))
        }
        #expect(scan.problem(in: "the bearer of the letter") == nil)
        #expect(scan.problem(in: "curl -H 'Authorization: Bearer $OPENAI_API_KEY'") == nil)
        #expect(scan.problem(in: "a risk-free plan") == nil)
        #expect(scan.problem(in: KeyShapedTestValue.make("ant-api03-abcdefgh")) != nil)
    }

    @Test func theModeComesFromTheEnvironmentAndATypoIsAnError() throws {
        #expect(try FixtureSettings.fromEnvironment(directory: "F", environment: [:]).mode == .replay)
        #expect(try FixtureSettings.fromEnvironment(directory: "F", environment: ["AIGW_FIXTURES_MODE": "rerecord"]).mode == .rerecord)
        #expect(throws: FixtureError.self) {
            try FixtureSettings.fromEnvironment(directory: "F", environment: ["AIGW_FIXTURES_MODE": "recrod"])
        }
    }

    @Test func aStoredEntryBecomesAFixtureAndBack() throws {
        let original = try fixture(body: ResponseSamples.openAIChatBody)
        let entry = try #require(try original.cacheEntry())
        #expect(entry.key == original.key)
        var back = try #require(Fixture(entry: entry))
        back.response.headers = original.response.headers
        #expect(back == original)
    }

    @Test func aSequenceWithAGapStillReplays() async throws {
        try await withTemporaryDirectoryAsync { path in
            var later = try fixture(body: ResponseSamples.openAIChatBody)
            later.scope = .tenant(CacheScope.defaultTenant)
            later.key = KeyDocument(request: later.request, scope: later.scope).key
            later.sequence = 1
            try FixtureDirectory(path: path).write(later)
            try await withFixtureGateway(directory: path, mode: .replay) { gateway in
                let body = #"{"model":"m","messages":[{"role":"user","content":"hi"}]}"#
                let outcome = try await gateway.complete(rawCall(body, provider: .openai, stream: false))
                #expect(outcome.key == later.key)
            }
        }
    }
}
