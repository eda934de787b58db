import AIGateway
import ArgumentParser

struct FixturesImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Load a fixture directory into a cache store.",
        discussion: """
            Each fixture becomes the cache entry for its (current) key, so the gateway
            serves it as a hit. A store keeps one answer per key: recorded errors and
            the later answers of a sequence are skipped.

            Examples:
              aigw fixtures import Fixtures --store ./.aigw
              AIGW_STORE=/var/lib/aigw aigw fixtures import recorded
            """
    )

    @OptionGroup var location: FixtureDirectoryArgument
    @OptionGroup var store: StoreLocation

    func run() throws {
        try runReportingErrors {
            let entries = try location.open().all
            var cacheEntries: [CacheEntry] = []
            var skipped: [String] = []
            for entry in entries {
                guard entry.fixture.sequence == 0 else {
                    skipped.append("\(entry.file) (answer \(entry.fixture.sequence + 1) of a sequence)")
                    continue
                }
                do {
                    if let cacheEntry = try entry.fixture.cacheEntry() {
                        cacheEntries.append(cacheEntry)
                    } else {
                        skipped.append("\(entry.file) (a recorded error)")
                    }
                } catch {
                    throw CLIError("\(entry.file): the recorded answer cannot be read: \(error)")
                }
            }
            let opened = try store.open()
            defer { opened.close() }
            do {
                try opened.put(contentsOf: cacheEntries)
            } catch {
                throw CLIError("cannot write to \(store.path): \(error)")
            }
            print("imported \(cacheEntries.count) of \(entries.count) fixtures into \(store.path)")
            for item in skipped { print("  skipped \(item)") }
        }
    }
}
