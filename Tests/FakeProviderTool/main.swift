import Dispatch
import FakeProvider
import Foundation
import Hummingbird
import NIOCore

/// The fake provider as a process, for clients that are not Swift tests: the Python SDK
/// acceptance tests and the `wrk` load benchmark.
///
///     AIGatewayFakeProvider [--port N] [--latency-ms N] [--no-record]
///     AIGatewayFakeProvider --ceiling FILE [--port N]
///
/// Prints `listening <port>` on stdout once it accepts connections, then serves until SIGTERM or
/// SIGINT. The control routes (`/_fake/replies`, `/_fake/stats`) are on. `--ceiling` instead runs
/// the smallest Hummingbird server that answers every POST with FILE's bytes: the benchmark's
/// upper bound for an HTTP server on this machine.
struct Options {
    var port = 0
    var latencyMs = 0
    var record = true
    var ceilingFile: String?

    init(_ arguments: [String]) throws {
        var rest = arguments.makeIterator()
        while let argument = rest.next() {
            switch argument {
            case "--port": port = try Self.integer(rest.next(), argument)
            case "--latency-ms": latencyMs = try Self.integer(rest.next(), argument)
            case "--no-record": record = false
            case "--ceiling": ceilingFile = rest.next()
            default: throw UsageError(message: "unknown argument \(argument)")
            }
        }
    }

    private static func integer(_ text: String?, _ flag: String) throws -> Int {
        guard let text, let value = Int(text), value >= 0 else { throw UsageError(message: "\(flag) needs a number") }
        return value
    }
}

struct UsageError: Error { var message: String }

func announce(_ port: Int) {
    // Written straight to the descriptor: stdout is a pipe, and the reader waits for this line.
    FileHandle.standardOutput.write(Data("listening \(port)\n".utf8))
}

func waitForTerminationSignal() async {
    signal(SIGTERM, SIG_IGN)
    signal(SIGINT, SIG_IGN)
    let (signals, continuation) = AsyncStream.makeStream(of: Void.self)
    // Not the main queue: nothing drains it while the top-level code awaits.
    let signalQueue = DispatchQueue(label: "fake-provider.signals")
    let sources = [SIGTERM, SIGINT].map { DispatchSource.makeSignalSource(signal: $0, queue: signalQueue) }
    for source in sources {
        source.setEventHandler { continuation.yield() }
        source.resume()
    }
    for await _ in signals { break }
}

do {
    let options = try Options(Array(CommandLine.arguments.dropFirst()))
    if let file = options.ceilingFile {
        guard let bytes = FileManager.default.contents(atPath: file) else { throw UsageError(message: "cannot read \(file)") }
        let body = ByteBuffer(bytes: Array(bytes))
        let router = Router()
        router.post("**") { _, _ in
            Response(status: .ok, headers: [.contentType: "application/json"], body: ResponseBody(byteBuffer: body))
        }
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: options.port)),
                              onServerRunning: { channel in announce(channel.localAddress?.port ?? 0) })
        try await app.runService()
    } else {
        let fake = try await FakeProviderServer.start(port: options.port, control: true)
        fake.defaultReplyLatency = .milliseconds(options.latencyMs)
        fake.recordsRequests = options.record
        announce(fake.port)
        await waitForTerminationSignal()
        await fake.shutdown()
    }
} catch let error as UsageError {
    FileHandle.standardError.write(Data("AIGatewayFakeProvider: \(error.message)\n".utf8))
    exit(64)
}
