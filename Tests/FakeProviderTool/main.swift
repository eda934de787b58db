import FakeProvider
import Foundation
import Hummingbird
import NIOCore
import UnixSignals

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

/// SIGTERM and SIGINT, trapped from here on (before the port is announced, so a client that
/// stops the fake as soon as it reads the port still gets a clean shutdown).
func terminationSignals() async -> UnixSignalsSequence {
    await UnixSignalsSequence(trapping: .sigterm, .sigint)
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
        let signals = await terminationSignals()
        announce(fake.port)
        for await _ in signals { break }
        await fake.shutdown()
    }
} catch let error as UsageError {
    FileHandle.standardError.write(Data("AIGatewayFakeProvider: \(error.message)\n".utf8))
    exit(64)
}
