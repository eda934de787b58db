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

/// `GET /v1/gateway/logs` pages forward from a cursor: how a script follows over HTTP.
@Suite struct LogsPagingTests {
    @Test func afterACursorComeOnlyNewerRecords() async throws {
        try await withGatewayServer { client, _ in
            for index in 0..<3 { _ = try await client.post(.openAI, Format.openAI.body("page \(index)")) }
            // All three committed first (the log commits in groups), so the cursor is the newest.
            _ = try await poll(client, "/v1/gateway/logs?limit=10") { $0.count == 3 }
            let first = try await page(client, "/v1/gateway/logs?limit=2")
            #expect(first.records.count == 2, "without a cursor: the newest records")
            #expect(first.records.last?["request_id"] != nil)
            let cursor = try #require(first.next)
            #expect(try await page(client, "/v1/gateway/logs?after=\(cursor)").records.isEmpty, "nothing newer yet")
            let newer = try await client.post(.anthropic, Format.anthropic.body("after the cursor"))
            let id = try #require(newer.header("x-aigw-request-id"))
            let next = try await poll(client, "/v1/gateway/logs?after=\(cursor)") { !$0.isEmpty }
            #expect(next.records.map { $0["request_id"]?.stringValue } == [id])
            let bad = try await client.executeRequest(uri: "/v1/gateway/logs?after=zz", method: .get, headers: [:], body: nil)
            #expect(bad.status == .badRequest)
        }
    }

    private func page(_ client: any TestClientProtocol, _ uri: String) async throws -> (records: [JSONValue], next: String?) {
        let response = try await client.executeRequest(uri: uri, method: .get, headers: [:], body: nil)
        #expect(response.status == .ok)
        let json = try #require(response.json)
        #expect(json["object"]?.stringValue == "list")
        return (json["data"]?.arrayValue ?? [], json["next_after"]?.stringValue)
    }

    /// Pages until `condition` holds for the records (see ``poll(_:until:)``).
    private func poll(_ client: any TestClientProtocol, _ uri: String, until condition: ([JSONValue]) -> Bool) async throws -> (records: [JSONValue], next: String?) {
        try await AIGatewayServerTests.poll({ try await page(client, uri) }, until: { condition($0.records) })
    }
}
