/// Where a log handler writes its lines: standard error by default, a closure in tests.
public struct LogSink: Sendable {
    /// Receives one complete line, without its newline.
    public let write: @Sendable (String) -> Void
    /// Receives one complete line as UTF-8, without its newline, when the sink takes bytes (the
    /// standard streams do): a request's line then never becomes a `String`.
    let writeBytes: (@Sendable ([UInt8]) -> Void)?

    public init(_ write: @escaping @Sendable (String) -> Void) {
        self.write = write
        writeBytes = nil
    }

    init(write: @escaping @Sendable (String) -> Void, writeBytes: @escaping @Sendable ([UInt8]) -> Void) {
        self.write = write
        self.writeBytes = writeBytes
    }

    /// Writes a line given as UTF-8, as bytes when the sink takes them.
    func writeLine(_ bytes: [UInt8]) {
        if let writeBytes {
            writeBytes(bytes)
        } else {
            write(String(decoding: bytes, as: UTF8.self))
        }
    }

    /// Standard error, in batches (``BufferedLineWriter``): a line waits at most 20 ms, and
    /// everything is written at exit and on ``flushStandardStreams()``. Lines from all threads
    /// stay whole and in order.
    public static let standardError = LogSink(writer: .standardError)
    public static let standardOutput = LogSink(writer: .standardOutput)

    private init(writer: BufferedLineWriter) {
        self.init(write: { line in writer.write(line) }, writeBytes: { line in writer.write(line) })
    }

    /// Writes the lines ``standardError`` and ``standardOutput`` still hold: before writing to
    /// those streams some other way, so the output stays in order.
    public static func flushStandardStreams() {
        BufferedLineWriter.flushStandardStreams()
    }
}
