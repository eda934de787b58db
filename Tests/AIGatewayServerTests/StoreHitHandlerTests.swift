@testable import AIGatewayServer
import HTTPTypes
import NIOCore
import NIOEmbedded
import NIOHTTPTypes
import Synchronization
import Testing

/// ``StoreHitHandler`` on its own, in an `EmbeddedChannel`: which requests it answers, which it
/// passes on to Hummingbird (unchanged, in order), and that answers keep the requests' order.
@Suite struct StoreHitHandlerTests {
    static let path = "/v1/chat/completions"

    /// A handler whose one route answers every request whose body is `"hit"`, counting its calls.
    final class Setup: Sendable {
        let channel = EmbeddedChannel()
        let counter = Counter()
        var calls: Int { counter.value.withLock { $0 } }

        /// `admits`: the route's verdict on a head (a valid key, local mode's checks).
        init(maxBodyBytes: Int = 1024, admits: @escaping @Sendable (HTTPRequest) -> Bool = { _ in true }) throws {
            let counter = self.counter
            let route = StoreHitHandler.Route(admits: admits) { _, body in
                counter.value.withLock { $0 += 1 }
                guard String(buffer: body) == "hit" else { return nil }
                return ([.contentType: "application/json", HTTPField.Name("x-aigw-cache")!: "hit"], ByteBuffer(string: "{}"))
            }
            try channel.pipeline.syncOperations.addHandler(
                StoreHitHandler(routes: [StoreHitHandlerTests.path: route], maxBodyBytes: maxBodyBytes, serverName: "aigw"))
        }

        func send(_ body: String, head: HTTPRequest = StoreHitHandlerTests.post()) throws {
            try begin(body, head: head)
            try channel.writeInbound(HTTPRequestPart.end(nil))
        }

        /// A request's head and the first part of its body, not yet its end.
        func begin(_ body: String, head: HTTPRequest = StoreHitHandlerTests.post()) throws {
            try channel.writeInbound(HTTPRequestPart.head(head))
            try channel.writeInbound(HTTPRequestPart.body(ByteBuffer(string: body)))
        }

        /// What reached Hummingbird, as `head <path>`, `body <text>` and `end`.
        func passedOn() throws -> [String] {
            var parts: [String] = []
            while let part = try channel.readInbound(as: HTTPRequestPart.self) {
                switch part {
                case .head(let head): parts.append("head \(head.path ?? "")")
                case .body(let body): parts.append("body \(String(buffer: body))")
                case .end: parts.append("end")
                }
            }
            return parts
        }

        /// The answers written here, as `<status> <x-aigw-cache> <body>`; checks each has a Date and a Server.
        func answered() throws -> [String] {
            var answers: [String] = []
            while let part = try channel.readOutbound(as: HTTPResponsePart.self) {
                switch part {
                case .head(let head):
                    #expect(head.headerFields[.date]?.hasSuffix(" GMT") == true)
                    #expect(head.headerFields[.server] == "aigw")
                    answers.append("\(head.status.code) \(head.headerFields[HTTPField.Name("x-aigw-cache")!] ?? "-")")
                case .body(let body): answers[answers.count - 1] += " \(String(buffer: body))"
                case .end: break
                }
            }
            return answers
        }

        /// Hummingbird writing the answer to a request it was passed.
        func hummingbirdAnswers() throws {
            try channel.writeOutbound(HTTPResponsePart.head(HTTPResponse(status: .ok)))
            try channel.writeOutbound(HTTPResponsePart.end(nil))
            while try channel.readOutbound(as: HTTPResponsePart.self) != nil {}
        }
    }

    struct HTTPParserErrorStandIn: Error {}

    final class Counter: Sendable {
        let value = Mutex(0)
    }

    static func post(_ path: String = path, _ fields: HTTPFields = [:]) -> HTTPRequest {
        HTTPRequest(method: .post, scheme: nil, authority: "gateway", path: path, headerFields: fields)
    }

    @Test func aHitIsAnsweredHereAndHummingbirdNeverSeesIt() throws {
        let setup = try Setup()
        try setup.send("hit")
        #expect(try setup.answered() == ["200 hit {}"])
        #expect(try setup.passedOn() == [])
    }

    @Test func aRequestTheStoreCannotAnswerIsPassedOnWhole() throws {
        let setup = try Setup()
        try setup.send("miss")
        #expect(try setup.passedOn() == ["head \(Self.path)", "body miss", "end"])
        #expect(try setup.answered() == [])
        #expect(setup.calls == 1)
    }

    @Test func aHitWaitsBehindAnAnswerHummingbirdOwes() throws {
        let setup = try Setup()
        try setup.send("miss")
        // Pipelined behind the miss: answering it here would put its answer first.
        try setup.send("hit")
        #expect(try setup.passedOn() == ["head \(Self.path)", "body miss", "end", "head \(Self.path)", "body hit", "end"])
        #expect(setup.calls == 1)
        // The miss is answered, the hit behind it is not yet: a third request still waits.
        try setup.hummingbirdAnswers()
        try setup.send("hit")
        #expect(try setup.passedOn() == ["head \(Self.path)", "body hit", "end"])
        try setup.hummingbirdAnswers()
        try setup.hummingbirdAnswers()
        // Every owed answer is written: the next hit is answered here again.
        try setup.send("hit")
        #expect(try setup.answered() == ["200 hit {}"])
        #expect(try setup.passedOn() == [])
    }

    /// A request the route refuses from its head (no gateway key, say) goes on at its head, so
    /// the router refuses it before its body arrives, and none of the body is ever held here.
    @Test func aHeadTheRouteRefusesIsPassedOnBeforeItsBody() throws {
        let setup = try Setup(admits: { $0.headerFields[.authorization] != nil })
        try setup.channel.writeInbound(HTTPRequestPart.head(Self.post()))
        #expect(try setup.passedOn() == ["head \(Self.path)"])
        try setup.channel.writeInbound(HTTPRequestPart.body(ByteBuffer(string: "hit")))
        try setup.channel.writeInbound(HTTPRequestPart.end(nil))
        #expect(try setup.passedOn() == ["body hit", "end"])
        #expect(try setup.answered() == [])
        #expect(setup.calls == 0)
    }

    @Test func aDeclaredLengthOverTheLimitIsPassedOnAtItsHead() throws {
        let setup = try Setup(maxBodyBytes: 4)
        try setup.channel.writeInbound(HTTPRequestPart.head(Self.post(Self.path, [.contentLength: "50331648"])))
        #expect(try setup.passedOn() == ["head \(Self.path)"])
    }

    @Test func aBodyOverTheLimitIsPassedOnAsItArrives() throws {
        let setup = try Setup(maxBodyBytes: 4)
        try setup.begin("hi")
        #expect(try setup.passedOn() == [])
        try setup.channel.writeInbound(HTTPRequestPart.body(ByteBuffer(string: "t!!")))
        try setup.channel.writeInbound(HTTPRequestPart.end(nil))
        #expect(try setup.passedOn() == ["head \(Self.path)", "body hi", "body t!!", "end"])
        #expect(setup.calls == 0)
    }

    @Test(arguments: [
        post("/v1/chat/completions?x=1"),
        post("/v1/models"),
        HTTPRequest(method: .get, scheme: nil, authority: "gateway", path: path),
        post(path, [.connection: "close"]),
        post(path, [.expect: "100-continue"]),
    ])
    func requestsOnlyHummingbirdHandlesArePassedOn(head: HTTPRequest) throws {
        let setup = try Setup()
        try setup.send("hit", head: head)
        #expect(try setup.passedOn() == ["head \(head.path ?? "")", "body hit", "end"])
        #expect(setup.calls == 0)
    }

    /// Hummingbird closes the connection after answering `Connection: close`; a request
    /// pipelined behind it must not be answered here in the meantime.
    @Test func nothingIsAnsweredHereAfterAConnectionClose() throws {
        let setup = try Setup()
        try setup.send("miss", head: Self.post(Self.path, [.connection: "close"]))
        try setup.send("hit")
        try setup.hummingbirdAnswers()
        try setup.hummingbirdAnswers()
        // No answer is owed any more, and still the next request goes on.
        try setup.send("hit")
        #expect(try setup.passedOn().filter { $0.hasPrefix("head") }.count == 3)
        #expect(try setup.answered() == [])
        #expect(setup.calls == 0)
    }

    @Test func aRequestCutShortByTheClientIsPassedOnAsFarAsItCame() throws {
        let setup = try Setup()
        try setup.begin("hi")
        setup.channel.pipeline.fireErrorCaught(HTTPParserErrorStandIn())
        #expect(try setup.passedOn() == ["head \(Self.path)", "body hi"])
        #expect(throws: HTTPParserErrorStandIn.self) { try setup.channel.throwIfErrorCaught() }
        #expect(setup.calls == 0)
    }

    @Test func aGracefulShutdownPassesOnTheRequestBeingReadAndAllAfterIt() throws {
        let setup = try Setup()
        try setup.begin("hit")
        setup.channel.pipeline.fireUserInboundEventTriggered(ChannelShouldQuiesceEvent())
        try setup.channel.writeInbound(HTTPRequestPart.end(nil))
        #expect(try setup.passedOn() == ["head \(Self.path)", "body hit", "end"])
        try setup.hummingbirdAnswers()
        try setup.send("hit")
        #expect(try setup.passedOn() == ["head \(Self.path)", "body hit", "end"])
        #expect(setup.calls == 0)
    }
}

extension HTTPRequest: @retroactive CustomTestStringConvertible {
    public var testDescription: String { "\(method) \(path ?? "") \(headerFields)" }
}
