import Foundation

/// The project's executables as tests run them: built into the products folder that holds the
/// test bundle too.
public enum BuiltProduct {
    /// The executable `name` next to the test bundle (up to four folders up).
    public static func executable(_ name: String) -> URL {
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        fatalError("\(name) executable not found near \(CommandLine.arguments[0]); build it first")
    }

    /// The environment tests run `aigw` in: the test's own, without `AIGW_STORE`, so that a
    /// developer's store is never touched.
    public static var aigwEnvironment: [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "AIGW_STORE")
        return environment
    }
}
