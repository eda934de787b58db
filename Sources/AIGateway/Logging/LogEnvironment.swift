import Foundation
import Logging
import Synchronization

/// Which log shape the process writes: readable lines while developing, JSON lines in production.
public enum LogEnvironment: String, Sendable, Equatable {
    case development
    case production

    /// Production when `AIGW_ENV` or `NODE_ENV` is `production` (any case); development otherwise.
    public static func detect(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> LogEnvironment {
        for name in ["AIGW_ENV", "NODE_ENV"] {
            if environment[name]?.trimmingCharacters(in: .whitespaces).lowercased() == "production" { return .production }
        }
        return .development
    }

    /// `AIGW_LOG_LEVEL` (`trace` … `critical`, or `warn`), `info` when unset or not a level.
    public static func level(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> Logger.Level {
        guard let text = environment["AIGW_LOG_LEVEL"]?.trimmingCharacters(in: .whitespaces).lowercased() else { return .info }
        if text == "warn" { return .warning }
        return Logger.Level(rawValue: text) ?? .info
    }

    /// The handler this environment logs with.
    public func makeLogHandler(
        label: String,
        level: Logger.Level,
        sink: LogSink = .standardError,
        metadataProvider: Logger.MetadataProvider? = nil
    ) -> any LogHandler {
        switch self {
        case .development:
            return ConsoleLogHandler(label: label, logLevel: level, sink: sink, metadataProvider: metadataProvider)
        case .production:
            return JSONLinesLogHandler(label: label, logLevel: level, sink: sink, metadataProvider: metadataProvider)
        }
    }

    private static let bootstrapped = Mutex(false)

    /// Bootstraps swift-log for the whole process, once: the shape from ``detect(_:)``, the level
    /// from ``level(_:)``. Returns false (and changes nothing) if this already ran, because
    /// `LoggingSystem.bootstrap` may only be called once per process. For the app, not libraries.
    @discardableResult
    public static func bootstrapLogging(
        _ environment: [String: String] = ProcessInfo.processInfo.environment,
        sink: LogSink = .standardError,
        metadataProvider: Logger.MetadataProvider? = nil
    ) -> Bool {
        let shape = detect(environment)
        let level = level(environment)
        return bootstrapped.withLock { done in
            guard !done else { return false }
            done = true
            LoggingSystem.bootstrap({ label, provider in
                shape.makeLogHandler(label: label, level: level, sink: sink, metadataProvider: provider)
            }, metadataProvider: metadataProvider)
            return true
        }
    }
}
