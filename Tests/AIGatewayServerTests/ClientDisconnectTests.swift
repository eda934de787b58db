import AIGateway
import AsyncHTTPClient
import FakeProvider
import HummingbirdTesting
import NIOCore
import NIOHTTP1
import Testing

@Suite struct ServerClientDisconnectTests {
    @Test(arguments: Format.allCases)
    func disconnectMidStreamCancelsTheUpstreamAndStoresNothing(format: Format) async throws {
        try await withGatewayServer { client, fake in
            // A slow stream: each event a while apart, so the client leaves in the middle.
            fake.enqueue(.delay(.milliseconds(300)))
            let port = try #require(client.port)
            var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)\(format.path)")
            request.method = .POST
            request.headers.add(name: "content-type", value: "application/json")
            request.body = .bytes(ByteBuffer(string: format.body(stream: true)))
            // Reads the head and the first chunk, then drops the response: AsyncHTTPClient
            // closes a connection whose body was left unread.
            let cache = try await { () async throws -> String? in
                let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
                var body = response.body.makeAsyncIterator()
                #expect(try await body.next() != nil)
                return response.headers.first(name: "x-aigw-cache")
            }()
            #expect(cache == "miss")

            let deadline = ContinuousClock.now + .seconds(5)
            while fake.abandonedReplies == 0, ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(50))
            }
            #expect(fake.abandonedReplies == 1)
            let again = try await client.post(format, format.body())
            #expect(again.header("x-aigw-cache") == "miss")
            #expect(fake.requestCount == 2)
        }
    }
}
