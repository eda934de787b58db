import ArgumentParser

/// A failure the user can act on: printed as `error: <message>` with a non-zero exit.
struct CLIError: Error, CustomStringConvertible {
    var description: String
    var exitCode: Int32

    init(_ message: String, exitCode: Int32 = 1) {
        self.description = message
        self.exitCode = exitCode
    }
}

/// Runs a command body, turning a ``CLIError`` into its message on stderr and its exit code,
/// rather than ArgumentParser's usage text (which would suggest the arguments were wrong).
func runReportingErrors(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let error as CLIError {
        Terminal.printError("error: \(error.description)")
        throw ExitCode(error.exitCode)
    }
}

/// ``runReportingErrors(_:)`` for async command bodies.
func runReportingErrors(_ body: () async throws -> Void) async throws {
    do {
        try await body()
    } catch let error as CLIError {
        Terminal.printError("error: \(error.description)")
        throw ExitCode(error.exitCode)
    }
}
