import AIGateway
import ArgumentParser

struct CacheRemoveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rm",
        abstract: "Remove one entry by key.",
        discussion: "Example: aigw cache rm 3f0c9a7e5b1d2c4e6a8b0d2f4e6a8c0b"
    )

    @OptionGroup var location: StoreLocation

    @Argument(help: "The entry's key: 32 hex characters.")
    var key: CacheKey

    func run() throws {
        try runReportingErrors {
            let store = try location.open()
            defer { store.close() }
            let removed: Bool
            do { removed = try store.remove(key) } catch { throw CLIError("cannot remove \(key.hex): \(error)") }
            guard removed else { throw CLIError("no entry with key \(key.hex) in \(location.path)") }
            print("removed \(key.hex)")
        }
    }
}
