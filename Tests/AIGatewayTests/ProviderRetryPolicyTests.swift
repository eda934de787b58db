@testable import AIGateway
import Foundation
import Synchronization
import Testing

struct ProviderRetryPolicyTests {
    @Test func backoffIsFullJitterUnderACappedExponential() {
        let highest = RetryPolicy(baseDelay: .milliseconds(500), maxDelay: .seconds(8), random: { $0.upperBound })
        let waits = (1...7).map { highest.backoff(beforeRetry: $0) }
        #expect(waits == [.milliseconds(500), .seconds(1), .seconds(2), .seconds(4), .seconds(8), .seconds(8), .seconds(8)])

        let lowest = RetryPolicy(random: { $0.lowerBound })
        #expect((1...5).allSatisfy { lowest.backoff(beforeRetry: $0) == .zero })

        let log = RangeLog()
        let recording = RetryPolicy(random: { range in log.ranges.withLock { $0.append(range) }; return range.upperBound / 2 })
        #expect(recording.backoff(beforeRetry: 3) == .seconds(1))
        #expect(log.ranges.withLock { $0 } == [0...2])
    }

    @Test func retriesTheStatusesTheSDKsRetry() {
        let policy = RetryPolicy()
        for status in [408, 409, 429, 500, 502, 503, 504, 529] { #expect(policy.isRetryable(status: status)) }
        for status in [400, 401, 403, 404, 413, 422] { #expect(!policy.isRetryable(status: status)) }
    }

    @Test func shouldRetryHeaderOverridesTheStatus() {
        let policy = RetryPolicy()
        #expect(policy.isRetryable(status: 400, shouldRetryHeader: "true"))
        #expect(!policy.isRetryable(status: 503, shouldRetryHeader: "false"))
    }

    @Test func retryAfterMillisecondsWinsOverSeconds() {
        let headers = ["retry-after-ms": "250", "retry-after": "3"]
        #expect(RetryAfter.wait(fromHeaders: { headers[$0] }) == .milliseconds(250))
    }

    @Test func retryAfterReadsSecondsAndHTTPDates() {
        #expect(RetryAfter.wait(fromHeaders: { $0 == "retry-after" ? "2" : nil }) == .seconds(2))
        let now = Date(timeIntervalSince1970: 784_111_777)  // Sun, 06 Nov 1994 08:49:37 GMT
        let date = ["retry-after": "Sun, 06 Nov 1994 08:49:42 GMT"]
        #expect(RetryAfter.wait(fromHeaders: { date[$0] }, now: now) == .seconds(5))
        let past = ["retry-after": "Sun, 06 Nov 1994 08:00:00 GMT"]
        #expect(RetryAfter.wait(fromHeaders: { past[$0] }, now: now) == .zero)
        #expect(RetryAfter.wait(fromHeaders: { $0 == "retry-after" ? "soon" : nil }) == nil)
        #expect(RetryAfter.wait(fromHeaders: { _ in nil }) == nil)
    }

    @Test func providerErrorBodiesGiveMessageAndType() {
        let openAI = ProviderErrorBody(parsing: Array(#"{"error":{"message":"Bad model","type":"invalid_request_error","param":null,"code":"model_not_found"}}"#.utf8), status: 404)
        #expect(openAI == ProviderErrorBody(message: "Bad model", type: "invalid_request_error", code: "model_not_found"))
        let anthropic = ProviderErrorBody(parsing: Array(#"{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}"#.utf8), status: 529)
        #expect(anthropic == ProviderErrorBody(message: "Overloaded", type: "overloaded_error"))
        let html = ProviderErrorBody(parsing: Array(("<html>\n<body>Bad   Gateway</body></html>" + String(repeating: "x", count: 500)).utf8), status: 502)
        #expect(html.type == nil)
        #expect(html.message.hasPrefix("<html> <body>Bad Gateway</body></html>"))
        #expect(html.message.count <= ProviderErrorBody.snippetLength + 1)
        #expect(ProviderErrorBody(parsing: [], status: 503).message == "HTTP 503 with an empty body")
    }
}

private final class RangeLog: Sendable {
    let ranges = Mutex<[ClosedRange<Double>]>([])
}
