import ArgumentParser

@main
struct AIGW: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "aigw",
        abstract: "AI Gateway: a caching gateway in front of LLM providers."
    )
}
