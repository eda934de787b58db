import AIGateway
import FakeProvider
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

@Suite struct CacheLifetimeAndTimeoutTests {
    @Test func maxAgeRefusesOlderEntriesAndSetsTheTTLOfNewOnes() async throws {
        try await withGatewayServer { client, fake in
            _ = try await client.post(.openAI, Format.openAI.body("aging"))
            try await Task.sleep(for: .milliseconds(1_200))
            let strict = try await client.post(.openAI, Format.openAI.body("aging"), headers: [.cacheControl: "max-age=1"])
            #expect(strict.header("x-aigw-cache") == "miss")
            let lenient = try await client.post(.openAI, Format.openAI.body("aging"), headers: [.cacheControl: "max-age=60"])
            #expect(lenient.header("x-aigw-cache") == "hit")

            // An entry stored under max-age=1 lives one second, for every later request.
            _ = try await client.post(.anthropic, Format.anthropic.body("short-lived"), headers: [.cacheControl: "max-age=1"])
            #expect(try await client.post(.anthropic, Format.anthropic.body("short-lived")).header("x-aigw-cache") == "hit")
            try await Task.sleep(for: .milliseconds(1_200))
            #expect(try await client.post(.anthropic, Format.anthropic.body("short-lived")).header("x-aigw-cache") == "miss")
            #expect(fake.requestCount == 4)
        }
    }

    @Test(arguments: Format.allCases)
    func aProviderThatDoesNotAnswerInTimeIs504(format: Format) async throws {
        let impatient = RetryPolicy(maxAttempts: 1, baseDelay: .milliseconds(10), maxDelay: .milliseconds(10),
                                    deadline: .seconds(1), attemptTimeout: .milliseconds(300))
        try await withGatewayServer(retryPolicy: impatient) { client, fake in
            fake.enqueue(.slowFirstByte(delay: .seconds(3)))
            let response = try await client.post(format, format.body("too slow"))
            #expect(response.status == .gatewayTimeout)
            let error = try #require(errorObject(response, format: format))
            #expect(error["message"]?.stringValue?.contains("in time") == true)
            #expect(response.header("x-aigw-request-id") != nil)
        }
    }

    @Test func aLiveStreamsCostArrivesAsATrailer() async throws {
        try await withGatewayServer(testing: .live) { client, _ in
            // Anthropic streams always report usage (OpenAI's only with include_usage), so the cost is known.
            let miss = try await client.post(.anthropic, Format.anthropic.body("trailer", stream: true))
            #expect(miss.header("x-aigw-cache") == "miss")
            #expect(miss.header("x-aigw-cost-usd") == nil)
            let cost = try #require(miss.trailerHeaders?[HTTPField.Name("x-aigw-cost-usd")!])
            #expect(Double(cost).map { $0 > 0 } == true)
            // A stream answer closes its connection (see StreamResponse), which ends this live
            // client; hits, whose cost is in the head, are checked in ServerCompletionTests.
        }
    }
}
