import AIGateway
import AIGatewayServer
import FakeProvider
import HTTPTypes
import HummingbirdTesting
import Testing

/// `aigw logs --follow`, a separate process on the server's store, prints requests as the
/// running server commits them, and stops on SIGINT.
@Suite struct LogsFollowTests {
    @Test func followPrintsNewRequestsWhileTheServerRuns() async throws {
        try await withGatewayServer { client, _, store in
            let before = try await client.post(.openAI, Format.openAI.body("before following"))
            let follower = try AIGWProcess.start(["logs", "--follow", "--json", "--poll-milliseconds", "50", "--store", store])
            var ids = [try #require(before.header("x-aigw-request-id"))]
            // The earlier request is printed first (once committed), as `tail -f` would.
            #expect(try await follower.waitForOutput(timeout: .seconds(15)) { lines in lines.contains { $0.contains(ids[0]) } })
            for (index, format) in [Format.anthropic, .openAI, .anthropic].enumerated() {
                let response = try await client.post(format, format.body("while following \(index)"))
                ids.append(try #require(response.header("x-aigw-request-id")))
                let id = ids[ids.count - 1]
                #expect(try await follower.waitForOutput(timeout: .seconds(15)) { lines in lines.contains { $0.contains(id) } },
                        "request \(index) shows up while the server runs")
            }
            #expect(try await follower.interrupt(), "SIGINT ends the follower")
            let printed = follower.output.compactMap { line in
                try? JSONParser.parse(Array(line.utf8))["request_id"]?.stringValue
            }
            #expect(printed == ids, "each request once, in order")
        }
    }
}
