@testable import AIGatewayServer
import HTTPTypes
import NIOCore
import NIOEmbedded
import NIOHTTPTypes
import Testing

/// ``IdleConnectionHandler`` in an `EmbeddedChannel` whose clock the tests move: which
/// connections it closes, and when.
@Suite struct IdleConnectionHandlerTests {
    static let timeout = TimeAmount.seconds(10)

    /// A connected channel with the handler, at virtual time zero.
    private func connectedChannel() throws -> EmbeddedChannel {
        let channel = EmbeddedChannel()
        try channel.pipeline.syncOperations.addHandler(IdleConnectionHandler(timeout: Self.timeout))
        try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 8080)).wait()
        return channel
    }

    private func request(_ channel: EmbeddedChannel, ending: Bool = true) throws {
        try channel.writeInbound(HTTPRequestPart.head(HTTPRequest(method: .post, scheme: nil, authority: "gateway", path: "/v1/messages")))
        try channel.writeInbound(HTTPRequestPart.body(ByteBuffer(string: "{}")))
        if ending { try channel.writeInbound(HTTPRequestPart.end(nil)) }
    }

    private func answer(_ channel: EmbeddedChannel, ending: Bool = true) throws {
        try channel.writeOutbound(HTTPResponsePart.head(HTTPResponse(status: .ok)))
        if ending { try channel.writeOutbound(HTTPResponsePart.end(nil)) }
    }

    @Test func aConnectionThatCarriesNothingIsClosedAfterTheTimeout() throws {
        let channel = try connectedChannel()
        channel.embeddedEventLoop.advanceTime(by: Self.timeout - .milliseconds(1))
        #expect(channel.isActive)
        channel.embeddedEventLoop.advanceTime(by: .milliseconds(1))
        #expect(!channel.isActive)
    }

    @Test func eachAnsweredRequestStartsTheClockAgain() throws {
        let channel = try connectedChannel()
        channel.embeddedEventLoop.advanceTime(by: .seconds(6))
        try request(channel)
        try answer(channel)
        channel.embeddedEventLoop.advanceTime(by: .seconds(6))
        #expect(channel.isActive, "12 s after connecting, but only 6 s after the last answer")
        channel.embeddedEventLoop.advanceTime(by: .seconds(4))
        #expect(!channel.isActive)
    }

    /// A long stream or a provider taking minutes: quiet, but not idle.
    @Test func anAnswerInProgressIsNeverIdle() throws {
        let channel = try connectedChannel()
        try request(channel)
        try answer(channel, ending: false)
        channel.embeddedEventLoop.advanceTime(by: Self.timeout * 30)
        #expect(channel.isActive)
        try channel.writeOutbound(HTTPResponsePart.end(nil))
        channel.embeddedEventLoop.advanceTime(by: Self.timeout)
        #expect(!channel.isActive)
    }

    /// A request whose body stops arriving holds the connection only for the timeout.
    @Test func aRequestThatStopsArrivingIsIdle() throws {
        let channel = try connectedChannel()
        try request(channel, ending: false)
        channel.embeddedEventLoop.advanceTime(by: Self.timeout)
        #expect(!channel.isActive)
    }
}
