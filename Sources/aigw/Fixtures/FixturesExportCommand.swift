import AIGateway
import ArgumentParser

struct FixturesExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write a cache store's entries as fixtures.",
        discussion: """
            Every entry (or those of --tenant and --model) becomes one fixture file in
            DIR; a file whose answer is unchanged keeps its bytes. An entry that holds
            anything shaped like an API key, or the value of OPENAI_API_KEY or
            ANTHROPIC_API_KEY, is refused.

            Examples:
              aigw fixtures export recorded --store ./.aigw
              aigw fixtures export Fixtures --tenant acme --model gpt-4o-mini
            """
    )

    @OptionGroup var location: FixtureDirectoryArgument
    @OptionGroup var store: StoreLocation

    @Option(help: "Only entries of this tenant.")
    var tenant: String?

    @Option(help: "Only entries of this model (as the provider reported it).")
    var model: String?

    func run() throws {
        try runReportingErrors {
            let opened = try store.open(readOnly: true)
            defer { opened.close() }
            let entries: [CacheEntry]
            do {
                entries = try opened.list(tenant: tenant).filter { model == nil || $0.model == model }
            } catch {
                throw CLIError("cannot read \(store.path): \(error)")
            }
            let directory = try location.open()
            let providers = ProviderSettings.fromEnvironment()
            let secrets = [providers.openAI.apiKey, providers.anthropic.apiKey].compactMap { $0 }
            var written = 0
            for entry in entries {
                guard let fixture = Fixture(entry: entry) else {
                    Terminal.printError("skipped \(entry.key.hex): its key document or body cannot be read")
                    continue
                }
                do {
                    try directory.write(fixture, secrets: secrets)
                    written += 1
                } catch {
                    throw CLIError("entry \(entry.key.hex): \(error)")
                }
            }
            print("exported \(written) of \(entries.count) entries to \(location.directory)")
        }
    }
}
