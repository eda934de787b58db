import AIGateway
import ArgumentParser

struct CacheShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show one entry: its metadata, key document and stored response.",
        discussion: "Example: aigw cache show 3f0c9a7e5b1d2c4e6a8b0d2f4e6a8c0b"
    )

    @OptionGroup var location: StoreLocation

    @Argument(help: "The entry's key: 32 hex characters.")
    var key: CacheKey

    @Flag(help: "Print JSON for scripts instead of text.")
    var json = false

    func run() throws {
        try runReportingErrors {
            let store = try location.open(readOnly: true)
            defer { store.close() }
            let found: CacheEntry?
            do { found = try store.entry(key) } catch { throw CLIError("entry \(key.hex) cannot be read: \(error)") }
            guard let entry = found else { throw CLIError("no entry with key \(key.hex) in \(location.path)") }
            let detail = EntryDetail(entry)
            if json {
                try Terminal.printJSON(detail)
            } else {
                print(detail.text)
            }
        }
    }
}
