@testable import AIGateway
import FakeProvider
import Testing

/// `aigw cache stats` counts one lookup per request: a miss once, though the event loop, the
/// router's path and the single flight's leader each look; a hit once.
@Suite struct LookupCountTests {
    @Test(arguments: [true, false])
    func aMissThenAHitCountOneLookupEach(servesHitsOnEventLoop: Bool) async throws {
        try await withTemporaryDirectory { directory in
            let path = directory + "/store"
            try await withGatewayServer(servesHitsOnEventLoop: servesHitsOnEventLoop, storePath: path) { client, fake, _ in
                for format in Format.allCases {
                    let requests = [(format.body(stream: false), "miss"), (format.body(stream: false), "hit"),
                                    (format.body(stream: true), "hit"), (format.body("streamed first", stream: true), "miss")]
                    for (body, expected) in requests {
                        let response = try await client.post(format, body)
                        #expect(response.header("x-aigw-cache") == expected)
                    }
                }
                #expect(fake.requestCount == 2 * Format.allCases.count)
            }
            let store = try CacheStore(path: path, options: StoreOptions(readOnly: true))
            defer { store.close() }
            let stats = try store.stats()
            #expect(stats.lookupHits == Int64(2 * Format.allCases.count))
            #expect(stats.lookupMisses == Int64(2 * Format.allCases.count))
        }
    }
}
