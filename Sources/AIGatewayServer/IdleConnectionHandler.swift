import NIOCore
import NIOHTTPTypes

/// Closes a client connection that has carried nothing for `timeout`: no request being read,
/// no answer being written.
///
/// Why: a client that vanishes without closing (a crashed host, a NAT that forgot the flow)
/// leaves its connection open for good, and one that sends a request head slowly holds it too;
/// over days such connections add up. Hummingbird's own idle timeout cannot be used: hits
/// answered by ``StoreHitHandler`` never reach it, so it would close busy connections. This
/// handler sits next to the HTTP codec, ahead of `StoreHitHandler`, and so sees every request
/// and every answer of both paths.
///
/// An answer in progress (a long stream, a provider taking minutes) is never idle, however
/// quiet; the clock restarts when its end is written.
final class IdleConnectionHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private let timeout: TimeAmount
    /// Requests whose head has arrived and whose answer's end has not been written.
    private var requestsInProgress = 0
    /// Between a request's head and its end.
    private var readingRequest = false
    private var lastActivity: NIODeadline = .distantPast
    private var check: Scheduled<Void>?

    init(timeout: TimeAmount) {
        self.timeout = timeout
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { start(context: context) }
    }

    func channelActive(context: ChannelHandlerContext) {
        start(context: context)
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        stop()
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        stop()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        lastActivity = context.eventLoop.now
        switch unwrapInboundIn(data) {
        case .head:
            requestsInProgress += 1
            readingRequest = true
        case .body:
            break
        case .end:
            readingRequest = false
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data) {
            requestsInProgress = max(0, requestsInProgress - 1)
            lastActivity = context.eventLoop.now
        }
        context.write(data, promise: promise)
    }

    private func start(context: ChannelHandlerContext) {
        guard check == nil else { return }
        lastActivity = context.eventLoop.now
        schedule(at: lastActivity + timeout, context: context)
    }

    private func stop() {
        check?.cancel()
        check = nil
    }

    private func schedule(at deadline: NIODeadline, context: ChannelHandlerContext) {
        check = context.eventLoop.assumeIsolated().scheduleTask(deadline: deadline) { [self] in
            timeIsUp(context: context)
        }
    }

    private func timeIsUp(context: ChannelHandlerContext) {
        let answering = requestsInProgress > 0 && !readingRequest
        let idleSince = answering ? context.eventLoop.now : lastActivity
        if !answering, context.eventLoop.now >= idleSince + timeout {
            check = nil
            context.close(promise: nil)
        } else {
            schedule(at: idleSince + timeout, context: context)
        }
    }
}
