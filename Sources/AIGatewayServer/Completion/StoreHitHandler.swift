import AIGateway
import Foundation
import HTTPTypes
import NIOCore
import NIOHTTPTypes

/// Answers cache hits on the event loop that read them, before Hummingbird sees the request.
///
/// Why: a hit (JSON, or a replayed stream written whole) is a few tens of microseconds of the
/// gateway's own work, and handing each request to a Swift concurrency task and its answer back
/// to the event loop costs about as much again (the request's parts through an async sequence,
/// two thread hops, the router).
/// The store is memory-mapped, and everything a hit records (request log, ledger, log line,
/// metrics) is queued without I/O, so nothing here waits.
///
/// A request to a completion route is held until its end. If ``Route/answer`` serves it, the
/// answer is written here; otherwise the held parts are passed on unchanged, and the request
/// takes the ordinary path from the start (errors, misses, streams, translations, all of it).
/// HTTP/1.1 answers go out in request order, so a request is answered here only when every
/// request passed on before it has had its answer written.
final class StoreHitHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    /// One completion route: whether its head lets the store answer at all (a valid key, local
    /// mode's checks), and its answer from the store, or nil to pass the request on.
    struct Route: Sendable {
        var admits: @Sendable (HTTPRequest) -> Bool
        var decide: @Sendable (HTTPRequest, ByteBuffer) -> Decision

        init(admits: @escaping @Sendable (HTTPRequest) -> Bool = { _ in true },
             decide: @escaping @Sendable (HTTPRequest, ByteBuffer) -> Decision) {
            self.admits = admits
            self.decide = decide
        }

        /// A route that answers or passes on, handing nothing over.
        init(admits: @escaping @Sendable (HTTPRequest) -> Bool = { _ in true },
             answer: @escaping @Sendable (HTTPRequest, ByteBuffer) -> (fields: HTTPFields, body: ByteBuffer)?) {
            self.init(admits: admits) { head, body in
                answer(head, body).map { .answer(fields: $0.fields, body: $0.body) } ?? .passOn(handoff: nil)
            }
        }
    }

    /// What the route made of a whole request.
    enum Decision {
        /// The answer, written here.
        case answer(fields: HTTPFields, body: ByteBuffer)
        /// For the router's path, with the token of the call already made for it (``CallHandoffs``).
        case passOn(handoff: String?)
    }

    private struct HeldRequest {
        var head: HTTPRequest
        var route: Route
        var body: ByteBuffer
    }

    private let routes: [String: Route]
    private let maxBodyBytes: Int
    private let serverName: String
    private var held: HeldRequest?
    /// Requests passed on whose answer's end has not been written yet.
    private var answersOwed = 0
    /// Set by a graceful shutdown or a `Connection: close` request: from then on Hummingbird
    /// sees every request, and closes the connection after the answer it owes.
    private var passesEverything = false
    private var date = (second: Int64(-1), text: "")

    /// `routes` by exact path (a query string, say, passes the request on).
    init(routes: [String: Route], maxBodyBytes: Int, serverName: String) {
        self.routes = routes
        self.maxBodyBytes = maxBodyBytes
        self.serverName = serverName
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(var head):
            // Only this handler may name a handed-over call.
            if head.headerFields[CallHandoffs.header] != nil { head.headerFields[CallHandoffs.header] = nil }
            if answersOwed == 0, !passesEverything, let route = route(for: head) {
                held = HeldRequest(head: head, route: route, body: ByteBuffer())
            } else {
                if Self.closesConnection(head) { passesEverything = true }
                answersOwed += 1
                context.fireChannelRead(wrapInboundOut(.head(head)))
            }
        case .body(var chunk):
            guard let heldBytes = held?.body.readableBytes else { return context.fireChannelRead(data) }
            if heldBytes + chunk.readableBytes > maxBodyBytes {
                // Too large for a hit anyway: the ordinary path answers 413.
                passOnHeld(context: context)
                context.fireChannelRead(data)
            } else if heldBytes == 0 {
                held?.body = chunk  // the usual single chunk, kept without a copy
            } else {
                held?.body.writeBuffer(&chunk)
            }
        case .end:
            guard let request = held else { return context.fireChannelRead(data) }
            switch request.route.decide(request.head, request.body) {
            case .answer(let fields, let body):
                held = nil
                write((fields, body), context: context)
            case .passOn(let handoff):
                if let handoff { held?.head.headerFields[CallHandoffs.header] = handoff }
                passOnHeld(context: context)
                context.fireChannelRead(data)
            }
        }
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data) { answersOwed = max(0, answersOwed - 1) }
        context.write(data, promise: promise)
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if event is ChannelShouldQuiesceEvent {
            passesEverything = true
            // A request being read goes on first, so that the connection closes after its answer.
            passOnHeld(context: context)
        }
        context.fireUserInboundEventTriggered(event)
    }

    /// A client that leaves in the middle of a request body: the part read so far goes on, so
    /// that the ordinary path sees the request end early and records it, as without this handler.
    /// The HTTP decoder reports the early end as an error before the channel goes inactive.
    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        passOnHeld(context: context)
        context.fireErrorCaught(error)
    }

    func channelInactive(context: ChannelHandlerContext) {
        passOnHeld(context: context)
        context.fireChannelInactive()
    }

    /// The route a request may be answered by here: a POST to a completion path, whose
    /// connection stays open, which expects no interim answer, declares no length over the limit
    /// and which the route admits from its head. Anything else is Hummingbird's, passed on before its body is read: a request
    /// the router refuses from its head (401, 403, 413, 415) is answered without its body
    /// ever being held.
    private func route(for head: HTTPRequest) -> Route? {
        guard head.method == .post, let path = head.path, let route = routes[path],
              head.headerFields[.expect] == nil, !Self.closesConnection(head),
              head.headerFields[.contentLength].flatMap({ Int($0) }).map({ $0 <= maxBodyBytes }) ?? true,
              route.admits(head)
        else { return nil }
        return route
    }

    private static func closesConnection(_ head: HTTPRequest) -> Bool {
        head.headerFields[.connection]?.lowercased().contains("close") ?? false
    }

    /// Hands the held request's head and body so far to Hummingbird.
    private func passOnHeld(context: ChannelHandlerContext) {
        guard let request = held else { return }
        held = nil
        answersOwed += 1
        context.fireChannelRead(wrapInboundOut(.head(request.head)))
        if request.body.readableBytes > 0 { context.fireChannelRead(wrapInboundOut(.body(request.body))) }
    }

    /// The answer with the two headers Hummingbird adds to every response, `Date` and `Server`.
    private func write(_ answer: (fields: HTTPFields, body: ByteBuffer), context: ChannelHandlerContext) {
        var fields = answer.fields
        fields[.date] = currentDate()
        fields[.server] = serverName
        context.write(wrapOutboundOut(.head(HTTPResponse(status: .ok, headerFields: fields))), promise: nil)
        context.write(wrapOutboundOut(.body(answer.body)), promise: nil)
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
    }

    /// Formatted once a second per connection.
    private func currentDate() -> String {
        let second = Int64(Date().timeIntervalSince1970)
        if second != date.second { date = (second, HTTPDate.string(secondsSince1970: second)) }
        return date.text
    }
}
