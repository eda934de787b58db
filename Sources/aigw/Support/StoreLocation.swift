import AIGateway
import ArgumentParser
import Foundation

/// Where the cache store lives: `--store`, else `AIGW_STORE`, else `./.aigw`.
struct StoreLocation: ParsableArguments {
    @Option(name: .long, help: "The store directory (default: $AIGW_STORE, else ./.aigw).")
    var store: String?

    var path: String {
        if let store { return store }
        if let fromEnvironment = ProcessInfo.processInfo.environment["AIGW_STORE"], !fromEnvironment.isEmpty {
            return fromEnvironment
        }
        return "./.aigw"
    }

    /// Opens the store, turning a storage failure into a clean exit with its message.
    func open(readOnly: Bool = false) throws -> CacheStore {
        var options = StoreOptions()
        options.readOnly = readOnly
        do {
            return try CacheStore(path: path, options: options)
        } catch {
            throw CLIError("cannot open the store at \(path): \(error)")
        }
    }
}
