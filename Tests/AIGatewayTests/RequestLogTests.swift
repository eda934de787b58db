import FakeProvider
@testable import AIGateway
import Foundation
import Logging
import Synchronization
import Testing

/// Lines a handler wrote, for tests.
final class CollectedLines: Sendable {
    private let lines = Mutex<[String]>([])
    var all: [String] { lines.withLock { $0 } }
    var sink: LogSink { LogSink { line in self.lines.withLock { $0.append(line) } } }
}

@Suite struct RequestLogTests {
    static let fixedTime = Date(timeIntervalSince1970: 1_795_946_400.123)

    static func record(error: String? = nil, cost: USD? = .zero) -> RequestLogRecord {
        RequestLogRecord(
            requestID: "aigw_01", tenant: "acme", user: "u", model: "gpt-4o-mini", provider: "openai",
            latency: .milliseconds(12), inputTokens: 100, outputTokens: 200, cost: cost,
            saved: USD(picodollars: 135_000_000), cache: .hit, succeeded: error == nil, errorMessage: error
        )
    }

    static func console(_ lines: CollectedLines) -> Logger {
        Logger(label: "aigw") { ConsoleLogHandler(label: $0, sink: lines.sink, clock: { fixedTime }) }
    }

    static func json(_ lines: CollectedLines, level: Logger.Level = .info) -> Logger {
        Logger(label: "aigw") { JSONLinesLogHandler(label: $0, logLevel: level, sink: lines.sink, clock: { fixedTime }) }
    }

    @Test func consoleLineIsShortAndHasTheRequestFields() throws {
        let lines = CollectedLines()
        Self.record().log(to: Self.console(lines))
        let line = try #require(lines.all.first)
        #expect(lines.all.count == 1)
        #expect(line == "2026-11-29T10:00:00.123Z INFO  request.completed  req=aigw_01 tenant=acme user=u model=gpt-4o-mini provider=openai cache=hit 12ms tokens=100/200 cost=$0.000000 saved=$0.000135")
    }

    @Test func consoleLineShowsOtherMetadataAndQuotesSpaces() throws {
        let lines = CollectedLines()
        var logger = Self.console(lines)
        logger[metadataKey: "aigw.instance"] = "a b"
        logger.warning("ledger.flush_failed", metadata: ["ledger.rows": "3"])
        #expect(lines.all == [#"2026-11-29T10:00:00.123Z WARN  ledger.flush_failed  aigw.instance="a b" ledger.rows=3"#])
    }

    @Test func jsonLineParsesWithStableKeysAndTypes() throws {
        let lines = CollectedLines()
        Self.record(cost: nil).log(to: Self.json(lines))
        let line = try #require(lines.all.first)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(object["timestamp"] as? String == "2026-11-29T10:00:00.123Z")
        #expect(object["level"] as? String == "info")
        #expect(object["message"] as? String == "request.completed")
        #expect(object["label"] as? String == "aigw")
        #expect(object["aigw.request_id"] as? String == "aigw_01")
        #expect(object["aigw.tenant"] as? String == "acme")
        #expect(object["aigw.agent"] as? String == "")
        #expect(object["aigw.latency_ms"] as? Int == 12)
        #expect(object["aigw.tokens.input"] as? Int == 100)
        #expect(object["aigw.tokens.output"] as? Int == 200)
        #expect(object["aigw.cost_usd"] as? String == "unknown")
        #expect(object["aigw.saved_usd"] as? String == "0.000135")
        #expect(object["aigw.cache"] as? String == "hit")
        #expect(object["aigw.success"] as? Bool == true)
        #expect(object["aigw.error"] == nil)
        #expect(line.hasPrefix(#"{"timestamp":"2026-11-29T10:00:00.123Z","level":"info","message":"request.completed","label":"aigw","#))
    }

    @Test func jsonFlattensNestedMetadataAndEscapes() throws {
        let lines = CollectedLines()
        let logger = Self.json(lines, level: .debug)
        logger.debug("x", metadata: ["a": ["b": "quote\" and\nnewline"], "message": "clash", "list": ["1", "2"]])
        let line = try #require(lines.all.first)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(object["a.b"] as? String == "quote\" and\nnewline")
        #expect(object["message"] as? String == "x")
        #expect(object["metadata.message"] as? String == "clash")
        #expect(object["list"] as? [String] == ["1", "2"])
        #expect(!(lines.all.first ?? "").contains("\n"))
    }

    @Test func failedRequestIsLoggedAsErrorWithoutTheKey() throws {
        let lines = CollectedLines()
        let upstream = "Incorrect API key provided: \(KeyShapedTestValue.make("abcdefghijklmnop")). Authorization: Bearer \(KeyShapedTestValue.make("proj-zyxwvutsrq"))\n" + String(repeating: "x", count: 1000)
        let record = Self.record(error: upstream)
        record.log(to: Self.json(lines))
        record.log(to: Self.console(lines))
        #expect(lines.all.count == 2)
        for line in lines.all {
            #expect(!line.contains("abcdefghijklmnop"))
            #expect(!line.contains("zyxwvutsrq"))
            #expect(line.contains("sk-[redacted]"))
            #expect(line.contains("request.failed"))
        }
        let object = try #require(try JSONSerialization.jsonObject(with: Data(lines.all[0].utf8)) as? [String: Any])
        #expect(object["level"] as? String == "error")
        #expect(object["aigw.success"] as? Bool == false)
        let message = try #require(object["aigw.error"] as? String)
        #expect(message.count <= RequestLogRecord.errorMessageLimit + 1)
        #expect(!message.contains("\n"))
        #expect(lines.all[1].contains(#"error="Incorrect API key provided: sk-[redacted] "#))
    }

    @Test func amountsKeepEveryDigit() {
        #expect(RequestLogRecord.amount(.zero) == "0.000000")
        #expect(RequestLogRecord.amount(USD(picodollars: 135_000_000)) == "0.000135")
        #expect(RequestLogRecord.amount(USD(picodollars: 123_400)) == "0.0000001234")
        #expect(RequestLogRecord.amount(USD(picodollars: -10_000_000_000)) == "-0.010000")
    }

    @Test func environmentIsDetectedFromAIGWEnvOrNodeEnv() {
        #expect(LogEnvironment.detect([:]) == .development)
        #expect(LogEnvironment.detect(["AIGW_ENV": "production"]) == .production)
        #expect(LogEnvironment.detect(["NODE_ENV": "Production"]) == .production)
        #expect(LogEnvironment.detect(["AIGW_ENV": "staging"]) == .development)
        #expect(LogEnvironment.level([:]) == .info)
        #expect(LogEnvironment.level(["AIGW_LOG_LEVEL": "debug"]) == .debug)
        #expect(LogEnvironment.level(["AIGW_LOG_LEVEL": "WARN"]) == .warning)
        #expect(LogEnvironment.level(["AIGW_LOG_LEVEL": "loud"]) == .info)
        #expect(LogEnvironment.production.makeLogHandler(label: "x", level: .debug) is JSONLinesLogHandler)
        #expect(LogEnvironment.development.makeLogHandler(label: "x", level: .debug).logLevel == .debug)
    }

    @Test func handlerHonoursItsLevel() {
        let lines = CollectedLines()
        let logger = Self.json(lines, level: .warning)
        logger.info("quiet")
        logger.error("loud")
        #expect(lines.all.count == 1)
    }

    /// Records whose fields exercise quoting, escaping, unknown amounts and empty attribution.
    static let varied: [RequestLogRecord] = [
        record(),
        record(cost: nil),
        record(error: "upstream said \"no\" = rejected\nsecond line \u{2028} and a \\ backslash"),
        RequestLogRecord(requestID: "aigw_2", model: "gpt 4o", provider: "openai", latency: .microseconds(1_999),
                         cost: USD(picodollars: 123_400), saved: nil, cache: .bypass),
        RequestLogRecord(requestID: "", tenant: "t=1", user: "ü ser", agent: "", model: "", provider: "anthropic",
                         latency: .seconds(3), inputTokens: 0, outputTokens: 0, cost: .zero, cache: .miss,
                         succeeded: false, errorMessage: ""),
    ]

    /// The handlers write a request record from its fields; the line must be exactly the one its
    /// metadata renders to, in both shapes and at both levels.
    @Test(arguments: varied)
    func aRecordWrittenFromItsFieldsEqualsItsMetadataLine(_ record: RequestLogRecord) {
        for level in [Logger.Level.info, .error] {
            let line = LogLine(time: Self.fixedTime, level: level, message: record.message.description, label: "aigw",
                               eventMetadata: record.metadata)
            #expect(ConsoleLogFormat.render(record, time: Self.fixedTime, level: level, label: "aigw")
                    == ConsoleLogFormat.render(line))
            #expect(JSONLinesLogFormat.render(record, time: Self.fixedTime, level: level, label: "aigw")
                    == JSONLinesLogFormat.render(line))
        }
    }

    /// A sink that takes bytes (as the standard streams do) gets a record's line as bytes, and
    /// they are the line a text sink gets, in both shapes.
    @Test(arguments: varied)
    func aByteSinkGetsTheSameLineAsATextSink(_ record: RequestLogRecord) {
        let text = CollectedLines()
        let bytes = Mutex<[[UInt8]]>([])
        let byteSink = LogSink(write: { _ in Issue.record("a byte sink's record line went through its text path") },
                               writeBytes: { line in bytes.withLock { $0.append(line) } })
        let handlers: [(any LogHandler, any LogHandler)] = [
            (ConsoleLogHandler(label: "aigw", sink: text.sink, clock: { Self.fixedTime }),
             ConsoleLogHandler(label: "aigw", sink: byteSink, clock: { Self.fixedTime })),
            (JSONLinesLogHandler(label: "aigw", sink: text.sink, clock: { Self.fixedTime }),
             JSONLinesLogHandler(label: "aigw", sink: byteSink, clock: { Self.fixedTime })),
        ]
        for (textHandler, byteHandler) in handlers {
            record.log(to: Logger(label: "aigw", factory: { _ in textHandler }))
            record.log(to: Logger(label: "aigw", factory: { _ in byteHandler }))
        }
        let written = bytes.withLock { $0 }
        #expect(written.count == 2)
        #expect(written.map { String(decoding: $0, as: UTF8.self) } == text.all)
    }

    /// Metadata set on the logger still reaches the line of a request record.
    @Test func loggerMetadataStillAppearsOnRecordLines() throws {
        let lines = CollectedLines()
        var console = Self.console(lines)
        console[metadataKey: "aigw.instance"] = "eu-1"
        Self.record().log(to: console)
        var json = Self.json(lines)
        json[metadataKey: "aigw.instance"] = "eu-1"
        Self.record().log(to: json)
        #expect(lines.all.count == 2)
        #expect(lines.all[0].hasSuffix(" aigw.instance=eu-1"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(lines.all[1].utf8)) as? [String: Any])
        #expect(object["aigw.instance"] as? String == "eu-1")
        #expect(object["aigw.request_id"] as? String == "aigw_01")
    }

    @Test func aRecordBelowTheHandlersLevelIsNotWritten() {
        let lines = CollectedLines()
        Self.record().log(to: Self.json(lines, level: .warning))
        Self.record(error: "boom").log(to: Self.json(lines, level: .warning))
        #expect(lines.all.count == 1)
        #expect(lines.all.first?.contains("request.failed") == true)
    }

    @Test func requestIDsAreWellFormedAndDistinct() {
        let now = Date(timeIntervalSince1970: 1_795_953_600.5)
        let ids = (0..<10_000).map { _ in RequestID.make(now: now) }
        #expect(Set(ids).count == ids.count)
        for id in ids.prefix(100) {
            #expect(RequestID.milliseconds(of: id) == 1_795_953_600_500)
            let suffix = id.split(separator: "_").last.map(String.init) ?? ""
            #expect(suffix.count == 12)
            #expect(suffix.allSatisfy { $0.isLowercase || $0.isNumber })
        }
    }
}
