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
            let request = try streamRequest(client, format, body: format.body(stream: true))
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

    /// The OpenAI Python SDK closes its connection as soon as it reads `data: [DONE]`, which can
    /// come before the provider's response has ended. The answer is whole by then: it is kept,
    /// and the same request next is a hit.
    @Test(arguments: [(Format.openAI, "gpt-4o-mini"), (.anthropic, "claude-3-5-haiku-20241022"),
                      (.openAI, "claude-3-5-haiku-20241022")])
    func aClientLeavingRightAfterTheEndOfStreamEventStillHasTheAnswerStored(format: Format, model: String) async throws {
        try await withGatewayServer { client, fake in
            // The provider's last event arrives at once; the end of its body only much later.
            fake.enqueue(.lateEndAfterLastEvent(.seconds(3)))
            let request = try streamRequest(client, format, body: format.body(stream: true, model: model))
            let last = format.endOfStream
            // Reads up to the end-of-stream event, then drops the response, which closes the connection.
            let text = try await { () async throws -> String in
                let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
                var text = ""
                for try await chunk in response.body {
                    text += String(buffer: chunk)
                    if text.contains(last), text.hasSuffix("\n\n") { break }
                }
                return text
            }()
            #expect(text.contains(last))

            let again = try await client.post(format, format.body(stream: true, model: model))
            #expect(again.header("x-aigw-cache") == "hit")
            #expect(again.text.contains(last))
            #expect(fake.requestCount == 1)
        }
    }

    /// A provider that sends its end-of-stream event but keeps its response open: the client's
    /// answer ends anyway, about a second later, not when the provider finally ends. (The
    /// provider holds on for 10 s and the bound is 6 s, so that a suite sharing two cores, where
    /// the second took 3.2 s, cannot fail it, while a held answer still would.)
    @Test(arguments: Format.allCases)
    func aProviderSlowToEndItsResponseDoesNotHoldTheClientsAnswer(format: Format) async throws {
        try await withGatewayServer { client, fake in
            fake.enqueue(.lateEndAfterLastEvent(.seconds(10)))
            let started = ContinuousClock.now
            let answer = try await client.post(format, format.body(stream: true))
            #expect(ContinuousClock.now - started < .seconds(6))
            #expect(answer.text.hasSuffix(format.endOfStream + "\n\n"))
            #expect(try await client.post(format, format.body(stream: true)).header("x-aigw-cache") == "hit")
        }
    }

    /// A streamed completion request to the server under test, for AsyncHTTPClient, which can
    /// drop a response part-way (HummingbirdTesting's client reads every answer whole).
    private func streamRequest(_ client: any TestClientProtocol, _ format: Format, body: String) throws -> HTTPClientRequest {
        let port = try #require(client.port)
        var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)\(format.path)")
        request.method = .POST
        request.headers.add(name: "content-type", value: "application/json")
        request.body = .bytes(ByteBuffer(string: body))
        return request
    }
}
