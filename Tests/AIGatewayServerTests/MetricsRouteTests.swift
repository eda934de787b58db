import AIGateway
import FakeProvider
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

@Suite struct MetricsRouteTests {
    @Test func metricsCountRequestsHitsErrorsTokensAndMoneyByTenantAndModel() async throws {
        try await withGatewayServer { client, fake in
            let miss = try await client.post(.openAI, Format.openAI.body())
            _ = try await client.post(.openAI, Format.openAI.body())
            fake.enqueue(.error(status: 400, type: "invalid_request_error", message: "bad"))
            _ = try await client.post(.anthropic, Format.anthropic.body("fails"))
            _ = try await client.post(.openAI, "{not json")

            let response = try await client.executeRequest(uri: "/metrics", method: .get, headers: [:], body: nil)
            #expect(response.status == .ok)
            #expect(response.header("content-type")?.hasPrefix("text/plain; version=0.0.4") == true)
            let text = response.text
            let openAI = #"tenant="default",model="gpt-4o-mini",provider="openai""#
            let anthropic = #"tenant="default",model="claude-3-5-haiku-20241022",provider="anthropic""#
            #expect(value(in: text, "aigw_requests_total{\(openAI),cache=\"miss\",status=\"success\"}") == 1)
            #expect(value(in: text, "aigw_requests_total{\(openAI),cache=\"hit\",status=\"success\"}") == 1)
            #expect(value(in: text, "aigw_cache_hits_total{\(openAI)}") == 1)
            #expect(value(in: text, "aigw_cache_misses_total{\(openAI)}") == 1)
            #expect(value(in: text, "aigw_errors_total{\(anthropic)}") == 1)
            #expect(value(in: text, "aigw_request_duration_seconds_count{\(openAI),cache=\"hit\"}") == 1)
            #expect((value(in: text, "aigw_tokens_total{\(openAI),kind=\"output\"}") ?? 0) > 0)
            let cost = try #require(miss.header("x-aigw-cost-usd").flatMap(Double.init))
            let spend = try #require(value(in: text, "aigw_spend_usd_total{\(openAI)}"))
            let saved = try #require(value(in: text, "aigw_saved_usd_total{\(openAI)}"))
            #expect(abs(spend - cost) < 0.01 && spend > 0)
            #expect(saved == spend)
            #expect(value(in: text, #"aigw_http_responses_total{route="/v1/chat/completions",code="400"}"#) == 1)
            #expect(value(in: text, #"aigw_http_responses_total{route="/v1/chat/completions",code="200"}"#) == 2)
        }
    }

    /// Model names are the client's: failures of models no price table or provider answer
    /// vouches for share one `other` label, so a client inventing names cannot grow the series
    /// without bound. A known model keeps its label when it fails; a model the provider answered
    /// keeps its own.
    @Test func failedRequestsForUnknownModelsShareOneModelLabel() async throws {
        try await withGatewayServer { client, fake in
            for number in 1...5 {
                fake.enqueue(.error(status: 404, type: "invalid_request_error", message: "The model does not exist"))
                let made = try await client.post(.openAI, Format.openAI.body(model: "gpt-invented-\(number)"))
                #expect(made.status == .notFound)
            }
            fake.enqueue(.error(status: 400, type: "invalid_request_error", message: "bad"))
            _ = try await client.post(.openAI, Format.openAI.body("fails"))
            let answered = try await client.post(.openAI, Format.openAI.body(model: "gpt-answered-by-the-provider"))
            #expect(answered.status == .ok)

            let text = try await client.executeRequest(uri: "/metrics", method: .get, headers: [:], body: nil).text
            #expect(!text.contains("gpt-invented"))
            #expect(value(in: text, #"aigw_errors_total{tenant="default",model="other",provider="openai"}"#) == 5)
            #expect(value(in: text, #"aigw_errors_total{tenant="default",model="gpt-4o-mini",provider="openai"}"#) == 1)
            #expect(value(in: text, #"aigw_cache_misses_total{tenant="default",model="gpt-answered-by-the-provider",provider="openai"}"#) == 1)
        }
    }

    /// The value of the sample whose name and labels are exactly `series`.
    private func value(in text: String, _ series: String) -> Double? {
        for line in text.split(separator: "\n") where line.hasPrefix(series + " ") {
            return Double(line.dropFirst(series.count + 1))
        }
        return nil
    }
}
