import Testing
import FakeProvider
@testable import AIGateway

/// The fields of an event that do not depend on how its bytes were laid out.
struct EventFields: Hashable, CustomStringConvertible {
    var event: String?
    var data: String
    var id: String?
    var retry: Duration?

    init(_ event: ServerSentEvent) {
        (self.event, data, id, retry) = (event.event, event.data, event.id, event.retry)
    }

    init(event: String? = nil, data: String, id: String? = nil, retry: Duration? = nil) {
        (self.event, self.data, self.id, self.retry) = (event, data, id, retry)
    }

    var description: String { "[\(event ?? "-")|\(data)|\(id ?? "-")|\(retry.map { "\($0)" } ?? "-")]" }
}

enum SSEFeeding {
    static func parse(_ chunks: [ArraySlice<UInt8>]) -> (events: [ServerSentEvent], end: SSEStreamEnd) {
        var parser = SSEParser()
        var events: [ServerSentEvent] = []
        for chunk in chunks { events += parser.feed(chunk) }
        return (events, parser.finish())
    }

    static func parse(_ bytes: [UInt8]) -> (events: [ServerSentEvent], end: SSEStreamEnd) {
        parse([bytes[...]])
    }

    static func parse(_ text: String) -> (events: [ServerSentEvent], end: SSEStreamEnd) {
        parse(Array(text.utf8))
    }

    /// `bytes` with every LF replaced by `ending`.
    static func withLineEnding(_ bytes: [UInt8], _ ending: String) -> [UInt8] {
        bytes.flatMap { $0 == UInt8(ascii: "\n") ? Array(ending.utf8) : [$0] }
    }

    static func randomChunks(_ bytes: [UInt8], seed: UInt64) -> [ArraySlice<UInt8>] {
        var generator = SplitMix64(seed: seed)
        var chunks: [ArraySlice<UInt8>] = []
        var start = 0
        while start < bytes.count {
            let end = min(bytes.count, start + Int.random(in: 1...7, using: &generator))
            chunks.append(bytes[start..<end])
            start = end
        }
        return chunks
    }
}

@Suite struct SSEParserTests {
    static let sampleNames = SSESamples.all.map(\.name)

    static func sample(_ name: String) -> [UInt8] {
        Array(SSESamples.all.first { $0.name == name }!.text.utf8)
    }

    @Test func openAIChatSampleParsesToItsChunks() throws {
        let (events, end) = SSEFeeding.parse(Self.sample("openAIChat"))
        #expect(end == .complete(trailingBytes: []))
        #expect(events.count == 8)
        #expect(events.allSatisfy { $0.event == nil && $0.type == "message" })
        #expect(events[1].data.contains(#""content":"Grüße""#))
        #expect(events[2].data.contains("👋"))
        #expect(events[5].data.contains(#""finish_reason":"stop""#))
        #expect(events[6].data.contains(#""choices":[],"usage":{"prompt_tokens":100"#))
        #expect(events.last?.data == "[DONE]")
    }

    @Test func anthropicSamplesFollowTheMessagesEventOrder() {
        let text = SSEFeeding.parse(Self.sample("anthropicMessages")).events.map(\.type)
        #expect(text == [
            "message_start", "content_block_start", "ping", "content_block_delta", "content_block_delta",
            "content_block_delta", "content_block_stop", "message_delta", "message_stop",
        ])
        let tool = SSEFeeding.parse(Self.sample("anthropicToolUse")).events
        #expect(tool.first?.type == "message_start")
        #expect(tool.last?.type == "message_stop")
        #expect(tool.filter { $0.data.contains(#""type":"input_json_delta""#) }.count == 4)
        #expect(tool.contains { $0.data.contains(#""stop_reason":"tool_use""#) })
    }

    @Test(arguments: sampleNames)
    func everyTwoChunkSplitGivesTheSameEvents(name: String) {
        let bytes = Self.sample(name)
        let whole = SSEFeeding.parse(bytes)
        for offset in 0...bytes.count {
            let split = SSEFeeding.parse([bytes[..<offset], bytes[offset...]])
            #expect(split.events == whole.events, "split at \(offset)")
            #expect(split.end == whole.end, "split at \(offset)")
        }
    }

    @Test(arguments: sampleNames)
    func randomSmallChunksGiveTheSameEvents(name: String) {
        for ending in ["\n", "\r\n", "\r"] {
            let bytes = SSEFeeding.withLineEnding(Self.sample(name), ending)
            let reference = SSEFeeding.parse(bytes)
            for seed: UInt64 in 1...40 {
                let chunked = SSEFeeding.parse(SSEFeeding.randomChunks(bytes, seed: seed))
                #expect(chunked.events == reference.events, "seed \(seed), ending \(ending.debugDescription)")
                #expect(chunked.end == reference.end)
            }
        }
    }

    @Test(arguments: sampleNames)
    func lineEndingsDoNotChangeTheEvents(name: String) {
        let bytes = Self.sample(name)
        let lf = SSEFeeding.parse(bytes).events.map(EventFields.init)
        for ending in ["\r\n", "\r"] {
            let variant = SSEFeeding.withLineEnding(bytes, ending)
            let parsed = SSEFeeding.parse(variant)
            #expect(parsed.events.map(EventFields.init) == lf, "\(ending.debugDescription)")
            #expect(!parsed.end.isTruncated)
        }
        let mixed = SSEFeeding.parse("data: a\r\ndata: b\rdata: c\n\r\nevent: x\rdata: d\r\r")
        #expect(mixed.events.map(EventFields.init) == [EventFields(data: "a\nb\nc"), EventFields(event: "x", data: "d")])
    }

    @Test func crlfSplitBetweenCRAndLFIsOneLineBreak() {
        let bytes = Array("data: a\r\n\r\ndata: b\r\n\r\n".utf8)
        for offset in 0...bytes.count {
            let split = SSEFeeding.parse([bytes[..<offset], bytes[offset...]])
            #expect(split.events.map(EventFields.init) == [EventFields(data: "a"), EventFields(data: "b")], "split at \(offset)")
        }
    }

    @Test func multiByteCharactersSurviveEverySplit() {
        let text = "data: é日🙂\u{1F3F3}\u{FE0F}\u{200D}\u{1F308}\n\n"
        let bytes = Array(text.utf8)
        for offset in 0...bytes.count {
            let split = SSEFeeding.parse([bytes[..<offset], bytes[offset...]])
            #expect(split.events.map(\.data) == ["é日🙂\u{1F3F3}\u{FE0F}\u{200D}\u{1F308}"], "split at \(offset)")
        }
    }

    @Test func invalidUTF8BecomesReplacementCharacters() {
        let parsed = SSEFeeding.parse([UInt8]("data: a".utf8) + [0xFF, 0xC3] + [UInt8]("b\n\n".utf8))
        #expect(parsed.events.map(\.data) == ["a\u{FFFD}\u{FFFD}b"])
    }

    @Test func commentsAreIgnoredButTheirBytesAreKept() {
        let text = ": keep-alive\n\n:another\ndata: x\n: inside\ndata: y\n\n: trailing\n"
        let parsed = SSEFeeding.parse(text)
        #expect(parsed.events.map(EventFields.init) == [EventFields(data: "x\ny")])
        #expect(parsed.events[0].rawBytes == Array(": keep-alive\n\n:another\ndata: x\n: inside\ndata: y\n\n".utf8))
        #expect(parsed.end == .complete(trailingBytes: Array(": trailing\n".utf8)))
    }

    @Test func leadingByteOrderMarkIsSkippedEvenWhenSplit() {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("data: x\n\n".utf8)
        for offset in 0...bytes.count {
            let split = SSEFeeding.parse([bytes[..<offset], bytes[offset...]])
            #expect(split.events.map(EventFields.init) == [EventFields(data: "x")], "split at \(offset)")
            #expect(split.events.first?.rawBytes == bytes)
        }
        // Only the first BOM is special; a later one is part of a field name and so unknown.
        let second = SSEFeeding.parse([0xEF, 0xBB, 0xBF, 0xEF, 0xBB, 0xBF] + Array("data: x\n\ndata: y\n\n".utf8))
        #expect(second.events.map(\.data) == ["y"])
        // A lone prefix of a BOM at the very end is a partial line.
        #expect(SSEFeeding.parse([0xEF, 0xBB]).end.isTruncated)
    }

    @Test func fieldParsingFollowsTheRules() {
        let cases: [(String, [EventFields])] = [
            ("data\n\n", [EventFields(data: "")]),
            ("data:\n\n", [EventFields(data: "")]),
            ("data:x\n\n", [EventFields(data: "x")]),
            ("data:  two spaces\n\n", [EventFields(data: " two spaces")]),
            ("data: a: b\n\n", [EventFields(data: "a: b")]),
            ("data: a\ndata\ndata: b\n\n", [EventFields(data: "a\n\nb")]),
            ("data: a\n\n\n\ndata: b\n\n", [EventFields(data: "a"), EventFields(data: "b")]),
            ("event\ndata: x\n\n", [EventFields(event: "", data: "x")]),
            ("event: a\nevent: b\ndata: x\n\n", [EventFields(event: "b", data: "x")]),
            ("event: only\n\ndata: x\n\n", [EventFields(data: "x")]),
            ("id: 1\n\ndata: x\n\n", [EventFields(data: "x")]),
            ("unknown: 1\nDATA: no\ndata : no\ndata: yes\n\n", [EventFields(data: "yes")]),
            ("id: 7\ndata: x\n\n", [EventFields(data: "x", id: "7")]),
            ("id: a\0b\ndata: x\n\n", [EventFields(data: "x")]),
            ("retry: 1500\ndata: x\n\n", [EventFields(data: "x", retry: .milliseconds(1500))]),
            ("retry: 15s\ndata: x\n\n", [EventFields(data: "x")]),
            ("retry: -1\ndata: x\n\n", [EventFields(data: "x")]),
            ("retry:\ndata: x\n\n", [EventFields(data: "x")]),
            ("data: x\n", []),
        ]
        for (text, expected) in cases {
            #expect(SSEFeeding.parse(text).events.map(EventFields.init) == expected, "\(text.debugDescription)")
        }
    }

    @Test func lastEventIDAndRetryPersistAcrossEvents() {
        var parser = SSEParser()
        _ = parser.feed(Array("id: 1\nretry: 250\ndata: a\n\ndata: b\n\nid\ndata: c\n\n".utf8))
        #expect(parser.reconnectionDelay == .milliseconds(250))
        #expect(parser.lastEventID == "")
        var second = SSEParser()
        let events = second.feed(Array("id: 1\ndata: a\n\ndata: b\n\n".utf8))
        #expect(events.map(\.id) == ["1", nil])
        #expect(second.lastEventID == "1")
        _ = second.finish()
        #expect(second.lastEventID == "1")
    }

    @Test(arguments: sampleNames)
    func streamCutAnywhereButBetweenEventsIsTruncated(name: String) {
        let bytes = Self.sample(name)
        var boundaries: Set<Int> = [0]
        var offset = 0
        for event in SSEFeeding.parse(bytes).events {
            offset += event.rawBytes.count
            boundaries.insert(offset)
        }
        #expect(offset == bytes.count)
        for cut in 0...bytes.count {
            let end = SSEFeeding.parse(Array(bytes[..<cut])).end
            #expect(end.isTruncated == !boundaries.contains(cut), "cut at \(cut)")
        }
    }

    @Test func truncationReportsThePartialEventBytes() {
        #expect(SSEFeeding.parse("data: a\n\ndata: partial").end == .truncated(partialBytes: Array("data: partial".utf8)))
        #expect(SSEFeeding.parse("data: a\n\nevent: x\n").end == .truncated(partialBytes: Array("event: x\n".utf8)))
        #expect(SSEFeeding.parse("data: a\n\nid: 3\n").end.isTruncated)
        #expect(SSEFeeding.parse("").end == .complete(trailingBytes: []))
        #expect(SSEFeeding.parse("data: a\n\n\n").end == .complete(trailingBytes: [UInt8(ascii: "\n")]))
    }

    @Test(arguments: sampleNames)
    func rawBytesReassembleTheInputExactly(name: String) {
        for ending in ["\n", "\r\n", "\r"] {
            let text = Array(": comment\n".utf8) + Self.sample(name) + Array(": bye\n".utf8)
            let bytes = [0xEF, 0xBB, 0xBF] + SSEFeeding.withLineEnding(text, ending)
            let parsed = SSEFeeding.parse(SSEFeeding.randomChunks(bytes, seed: 99))
            guard case let .complete(trailing) = parsed.end else {
                Issue.record("unexpected truncation")
                continue
            }
            #expect(parsed.events.flatMap(\.rawBytes) + trailing == bytes)
        }
    }
}
