import AIGateway
import AIGatewayServer
import ArgumentParser
import Foundation
import Hummingbird
import Logging
import ServiceLifecycle
import UnixSignals

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the caching gateway as an HTTP server for OpenAI and Anthropic clients.",
        discussion: """
            Clients change only their base URL: http://HOST:PORT/v1 for OpenAI SDKs,
            http://HOST:PORT for Anthropic SDKs. Provider keys and URLs come from the
            environment (OPENAI_API_KEY, OPENAI_BASE_URL, ANTHROPIC_API_KEY,
            ANTHROPIC_BASE_URL).

            Without --config the server runs in local single-tenant mode (tenant
            "default", no gateway key). With --config FILE, clients must send a gateway
            key from the file. SIGTERM or SIGINT shuts down gracefully: the server stops
            accepting connections, requests in flight finish (for up to
            --shutdown-timeout seconds, then they are cancelled and nothing partial is
            cached), and the ledger and store are flushed and closed.

            With --fixtures DIR, exchanges are recorded to and replayed from fixture
            files in DIR (docs/fixtures.md): --mode replay (the default) never calls a
            provider and answers a request without a fixture with an error that says how
            to record it; record adds what is missing; rerecord rewrites what is
            touched; live ignores the fixtures.

            Examples:
              aigw serve
              aigw serve --host 0.0.0.0 --port 9000 --config gateway.json
              aigw serve --fixtures Fixtures --mode record   # then run the tests
              aigw serve --fixtures Fixtures                 # replay only, for CI
            """
    )

    @Option(help: "The address to listen on.")
    var host = ServerConfiguration.defaultHost

    @Option(help: "The port to listen on.")
    var port = ServerConfiguration.defaultPort

    @OptionGroup var location: StoreLocation

    @Option(help: "A JSON config file with gateway keys; without it, local single-tenant mode.")
    var config: String?

    @Option(help: "Seconds that requests in flight may take to finish after SIGTERM or SIGINT.")
    var shutdownTimeout = 30

    @Option(help: ArgumentHelp(
        "Seconds a provider call may take to start answering, retries included.",
        discussion: "A non-stream answer starts only once it is complete, so this bounds a whole generation. Past it the client gets 504 and the call is not tried again."))
    var upstreamTimeout = Int(RetryPolicy.defaultTimeout.components.seconds)

    @Option(help: "Attempts per provider call, the first included; 1 turns retries off.")
    var upstreamAttempts = RetryPolicy().maxAttempts

    @Option(help: "Largest request body accepted, in MiB; larger ones get 413.")
    var maxRequestMib = ServerConfiguration.defaultMaxRequestBytes / (1024 * 1024)

    @Option(help: "Seconds an idle client connection is kept open (0: for ever).")
    var idleTimeout = Int(ServerConfiguration.defaultIdleTimeout.components.seconds)

    @Option(help: "A fixture directory to record exchanges to and replay them from.")
    var fixtures: String?

    @Option(help: "How to use --fixtures: replay, record, rerecord or live.")
    var mode: FixtureMode = .replay

    @Option(help: "Keep request-log records this long: 30d, 12h, … (0s: no age limit).")
    var logRetention = AgeArgument(seconds: RequestLogRetention.defaultMaxAge.components.seconds)

    @Option(help: "Keep at most this many request-log records (0: no count limit).")
    var logMaxRecords = RequestLogRetention.defaultMaxRecords

    func validate() throws {
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be between 0 and 65535.") }
        guard shutdownTimeout >= 0 else { throw ValidationError("--shutdown-timeout must not be negative.") }
        guard upstreamTimeout > 0 else { throw ValidationError("--upstream-timeout must be at least 1 second.") }
        guard (1...10).contains(upstreamAttempts) else { throw ValidationError("--upstream-attempts must be between 1 and 10.") }
        guard (1...1_024).contains(maxRequestMib) else { throw ValidationError("--max-request-mib must be between 1 and 1024.") }
        guard idleTimeout >= 0 else { throw ValidationError("--idle-timeout must not be negative.") }
        if fixtures == nil, mode != .replay { throw ValidationError("--mode needs --fixtures DIR.") }
        guard logMaxRecords >= 0 else { throw ValidationError("--log-max-records must not be negative.") }
    }

    func run() async throws {
        LogEnvironment.bootstrapLogging()
        let logger = Logger(label: "aigw")
        let keys: GatewayKeys?
        do {
            keys = try config.map { path in
                guard let data = FileManager.default.contents(atPath: path) else {
                    throw CLIError("cannot read the config file \(path)")
                }
                return try GatewayKeys.decode(Array(data), file: path)
            }
        } catch let error as ServerConfigError {
            throw reported(CLIError(error.description))
        } catch let error as CLIError {
            throw reported(error)
        }
        let configuration = ServerConfiguration(
            host: host, port: port,
            gateway: AIGateway.Configuration(storePath: location.path, retryPolicy: retryPolicy, requestLogRetention: RequestLogRetention(
                maxAge: logRetention.seconds > 0 ? logRetention.duration : nil,
                maxRecords: logMaxRecords > 0 ? logMaxRecords : nil
            ), logger: logger, fixtures: fixtureSettings),
            keys: keys, maxRequestBytes: maxRequestMib * 1024 * 1024,
            idleTimeout: idleTimeout > 0 ? .seconds(idleTimeout) : nil, logger: logger
        )
        let app = try makeApplication(configuration)
        logger.info("server.starting", metadata: [
            "aigw.address": "\(host):\(port)",
            "aigw.mode": "\(keys == nil ? "local single-tenant" : "\(keys?.count ?? 0) gateway keys")",
            "aigw.store": "\(location.path)",
            "aigw.fixtures": "\(fixtures.map { "\($0) (\(mode.rawValue))" } ?? "none")",
        ])
        var group = ServiceGroupConfiguration(services: [app], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        group.maximumGracefulShutdownDuration = .seconds(shutdownTimeout)
        try await ServiceGroup(configuration: group).run()
        logger.info("server.stopped")
        LogSink.flushStandardStreams()
    }

    /// The call deadline and the attempt timeout are one value: an attempt that used it all
    /// would leave no time for a retry anyway.
    private var retryPolicy: RetryPolicy {
        RetryPolicy(maxAttempts: upstreamAttempts, deadline: .seconds(upstreamTimeout), attemptTimeout: .seconds(upstreamTimeout))
    }

    private var fixtureSettings: FixtureSettings? {
        fixtures.map { FixtureSettings(directory: $0, mode: mode, recordCommand: recordCommand) }
    }

    /// This server's own command line with the mode set to record: what a replay miss tells
    /// the user to run.
    private var recordCommand: String {
        var words = ["aigw", "serve"]
        var arguments = CommandLine.arguments.dropFirst().drop { $0 != "serve" }.dropFirst()
        while let word = arguments.popFirst() {
            if word == "--mode" {
                _ = arguments.popFirst()
            } else if !word.hasPrefix("--mode=") {
                words.append(word.contains(" ") ? "'\(word)'" : word)
            }
        }
        return (words + ["--mode", "record"]).joined(separator: " ")
    }

    private func makeApplication(_ configuration: ServerConfiguration) throws -> some ApplicationProtocol {
        do {
            return try buildApplication(configuration)
        } catch {
            throw reported(CLIError("cannot start the gateway with the store at \(location.path): \(error)"))
        }
    }

    private func reported(_ error: CLIError) -> ExitCode {
        Terminal.printError("error: \(error.description)")
        return ExitCode(error.exitCode)
    }
}
