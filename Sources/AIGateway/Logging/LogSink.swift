/// Where a log handler writes its lines: standard error by default, a closure in tests.
public struct LogSink: Sendable {
    /// Receives one complete line, without its newline.
    public let write: @Sendable (String) -> Void

    public init(_ write: @escaping @Sendable (String) -> Void) {
        self.write = write
    }

    /// Standard error, in batches (``BufferedLineWriter``): a line waits at most 20 ms, and
    /// everything is written at exit and on ``flushStandardStreams()``. Lines from all threads
    /// stay whole and in order.
    public static let standardError = LogSink { line in BufferedLineWriter.standardError.write(line) }
    public static let standardOutput = LogSink { line in BufferedLineWriter.standardOutput.write(line) }

    /// Writes the lines ``standardError`` and ``standardOutput`` still hold: before writing to
    /// those streams some other way, so the output stays in order.
    public static func flushStandardStreams() {
        BufferedLineWriter.flushStandardStreams()
    }
}
