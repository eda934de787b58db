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
        /// Requests whose reply is being prepared (its latency included), and the most at once.
        var inFlight = 0
        var maxInFlight = 0
    }

    let contents = Mutex(Contents())

    /// Records the request and picks its reply: the route's queue first, then the global one,
    /// then the default. Returns the request's 1-based sequence number with the reply.
    func arrive(_ request: RecordedRequest, route: FakeRoute) -> (sequence: Int, reply: FakeReply, latency: Duration) {
        contents.withLock { contents in
            contents.requestCount += 1
            contents.inFlight += 1
            contents.maxInFlight = max(contents.maxInFlight, contents.inFlight)
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

    /// Queues replies for `route`, or for whichever route comes next when nil.
    func enqueue(_ replies: [FakeReply], for route: FakeRoute?) {
        contents.withLock { contents in
            if let route {
                contents.routeReplies[route, default: []].append(contentsOf: replies)
            } else {
                contents.globalReplies.append(contentsOf: replies)
            }
        }
    }

    /// The reply of a request that ``arrive(_:route:)`` counted is ready (or failed).
    func depart() {
        contents.withLock { $0.inFlight -= 1 }
    }
}
