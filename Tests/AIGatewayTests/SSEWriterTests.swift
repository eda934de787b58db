import Testing
@testable import AIGateway

@Suite struct SSEWriterTests {
    let writer = SSEWriter()

    @Test(arguments: SSESamples.all.map(\.name))
    func reencodingProviderEventsGivesTheirOriginalBytes(name: String) throws {
        let bytes = Array(SSESamples.all.first { $0.name == name }!.text.utf8)
        let events = SSEFeeding.parse(bytes).events
        var encoded: [UInt8] = []
        for event in events {
            let one = try writer.encode(event)
            #expect(one == event.rawBytes)
            encoded += one
        }
        #expect(encoded == bytes)
    }

    @Test func writerToParserRoundTrip() throws {
        let events = [
            ServerSentEvent(data: "plain"),
            ServerSentEvent(event: "message_start", data: #"{"type":"message_start"}"#),
            ServerSentEvent(event: "", data: ""),
            ServerSentEvent(data: "two\nlines"),
            ServerSentEvent(data: "\n\nblank lines around\n"),
            ServerSentEvent(data: " leading space and trailing space "),
            ServerSentEvent(data: ": looks like a comment"),
            ServerSentEvent(data: "data: nested"),
            ServerSentEvent(event: "x", data: "y", id: "42", retry: .milliseconds(3000)),
            ServerSentEvent(data: "ünïcødé 🙂"),
        ]
        var bytes: [UInt8] = []
        for event in events { bytes += try writer.encode(event) }
        let parsed = SSEFeeding.parse(SSEFeeding.randomChunks(bytes, seed: 7))
        #expect(parsed.events.map(EventFields.init) == events.map(EventFields.init))
        #expect(parsed.end == .complete(trailingBytes: []))
    }

    @Test func carriageReturnsInDataComeBackAsLineFeeds() throws {
        let bytes = try writer.encode(ServerSentEvent(data: "a\r\nb\rc"))
        #expect(bytes == Array("data: a\ndata: b\ndata: c\n\n".utf8))
        #expect(SSEFeeding.parse(bytes).events.map(\.data) == ["a\nb\nc"])
    }

    @Test func fieldsThatCannotBeWrittenAreRejected() {
        #expect(throws: SSEWriter.Failure.lineBreakInField("event")) {
            try writer.encode(ServerSentEvent(event: "a\nb", data: "x"))
        }
        #expect(throws: SSEWriter.Failure.lineBreakInField("id")) {
            try writer.encode(ServerSentEvent(data: "x", id: "1\r"))
        }
        #expect(throws: SSEWriter.Failure.nullInID) {
            try writer.encode(ServerSentEvent(data: "x", id: "a\0"))
        }
    }

    @Test func commentsEncodeAsColonLinesAndParseToNothing() {
        let bytes = writer.encodeComment("keep-alive")
        #expect(bytes == Array(":keep-alive\n".utf8))
        #expect(SSEFeeding.parse(bytes + Array("\n".utf8)).events.isEmpty)
    }
}
