import AIGatewayCore
import Foundation
import Logging

/// How a ``LineLogHandler`` writes one event as one line.
public protocol LogLineFormat: Sendable {
    static func render(_ line: LogLine) -> String
    /// The line of a request record as UTF-8: the same text as ``render(_:)`` of the record's
    /// metadata. Bytes, because every request writes one and the standard streams take bytes.
    static func renderBytes(_ record: RequestLogRecord, time: Date, level: Logger.Level, label: String) -> [UInt8]
}

extension LogLineFormat {
    public static func renderBytes(_ record: RequestLogRecord, time: Date, level: Logger.Level, label: String) -> [UInt8] {
        Array(render(LogLine(time: time, level: level, message: record.message.description, label: label,
                             eventMetadata: record.metadata)).utf8)
    }

    /// ``renderBytes(_:time:level:label:)`` as text.
    public static func render(_ record: RequestLogRecord, time: Date, level: Logger.Level, label: String) -> String {
        String(decoding: renderBytes(record, time: time, level: level, label: label), as: UTF8.self)
    }
}

/// A handler that writes a ``RequestLogRecord`` from its fields rather than from metadata.
protocol RequestRecordLogging: Sendable {
    /// False when the handler cannot (it has metadata of its own to merge): log it as metadata.
    func log(_ record: RequestLogRecord, level: Logger.Level) -> Bool
}

/// A swift-log handler that writes each event as one line to a sink, in a chosen format: the
/// plumbing (levels, metadata, providers, clock) is the same for every format.
public struct LineLogHandler<Format: LogLineFormat>: LogHandler {
    public var logLevel: Logger.Level = .info
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    public let label: String
    let sink: LogSink
    let clock: @Sendable () -> Date

    public init(
        label: String,
        logLevel: Logger.Level = .info,
        sink: LogSink = .standardError,
        metadataProvider: Logger.MetadataProvider? = nil,
        clock: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.label = label
        self.logLevel = logLevel
        self.sink = sink
        self.metadataProvider = metadataProvider
        self.clock = clock
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        let line = LogLine(
            time: clock(),
            level: event.level,
            message: event.message.description,
            label: label,
            handlerMetadata: metadata,
            provider: metadataProvider,
            eventMetadata: event.metadata
        )
        // Redacted whole, whatever the format: metadata often carries an error's description,
        // which may quote an upstream. Request records skip this: their only free text, the
        // error message, was redacted when the record was made.
        sink.write(SecretRedaction.redact(Format.render(line)))
    }
}

extension LineLogHandler: RequestRecordLogging {
    func log(_ record: RequestLogRecord, level: Logger.Level) -> Bool {
        guard metadata.isEmpty, metadataProvider == nil else { return false }
        if level >= logLevel { sink.writeLine(Format.renderBytes(record, time: clock(), level: level, label: label)) }
        return true
    }
}

/// Readable lines for development (``ConsoleLogFormat``).
public typealias ConsoleLogHandler = LineLogHandler<ConsoleLogFormat>
/// JSON lines for production (``JSONLinesLogFormat``).
public typealias JSONLinesLogHandler = LineLogHandler<JSONLinesLogFormat>
