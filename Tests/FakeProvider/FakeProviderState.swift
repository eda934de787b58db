import Synchronization

/// The fake provider's mutable state: the recorded requests and the scripted replies. One lock,
/// held only to copy values in or out.
final class FakeProviderState: Sendable {
    struct Contents {
        var requests: [RecordedRequest] = []
        var requestCount = 0
        var globalReplies: [FakeReply] = []
        var routeReplies: [FakeRoute: [FakeReply]] = [:]
        var defaultReplyLatency: Duration = .zero
        var recordsRequests = true
        var abandonedReplies = 0
    }

    let contents = Mutex(Contents())

    /// Records the request and picks its reply: the route's queue first, then the global one,
    /// then the default. Returns the request's 1-based sequence number with the reply.
    func arrive(_ request: RecordedRequest, route: FakeRoute) -> (sequence: Int, reply: FakeReply, latency: Duration) {
        contents.withLock { contents in
            contents.requestCount += 1
            if contents.recordsRequests { contents.requests.append(request) }
            let reply: FakeReply
            if var queue = contents.routeReplies[route], !queue.isEmpty {
                reply = queue.removeFirst()
                contents.routeReplies[route] = queue
            } else if !contents.globalReplies.isEmpty {
                reply = contents.globalReplies.removeFirst()
            } else {
                reply = .default
            }
            return (contents.requestCount, reply, contents.defaultReplyLatency)
        }
    }
}
