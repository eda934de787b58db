import AIGateway
import ArgumentParser

struct KeyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "key",
        abstract: "Print the cache key and canonical form of a request body, or why two bodies differ.",
        discussion: """
            Reads a provider request body (OpenAI chat completions or Anthropic messages) from FILE,
            or from standard input when FILE is omitted or '-'.

            Examples:
              aigw key request.json
              cat request.json | aigw key --provider anthropic --tenant acme --json
              aigw key --diff before.json after.json
            """
    )

    @Argument(help: "The request body file(s): one, or two with --diff. Standard input when omitted.")
    var files: [String] = []

    @Flag(help: "Compare two request bodies and print their first canonical difference.")
    var diff = false

    @Option(help: "The request's wire format: openai or anthropic (inferred from the body when omitted).")
    var provider: Provider?

    @Option(help: "The tenant whose cache scope the key belongs to.")
    var tenant: String = CacheScope.defaultTenant

    @Option(help: "A cache namespace within the tenant.")
    var namespace: String?

    @Option(name: .customLong("header"), help: "A request header as 'name: value' (only behaviour-changing ones count). Repeatable.")
    var headers: [String] = []

    @Flag(help: "Print JSON for scripts instead of text.")
    var json = false

    func validate() throws {
        if diff && files.count != 2 {
            throw ValidationError("--diff takes exactly two files.")
        }
        if !diff && files.count > 1 {
            throw ValidationError("give one file (or none, for standard input); use --diff to compare two.")
        }
        for header in headers where !header.contains(":") {
            throw ValidationError("--header takes 'name: value', got '\(header)'.")
        }
        if tenant.isEmpty { throw ValidationError("--tenant must not be empty.") }
    }

    func run() throws {
        try runReportingErrors {
            if diff {
                try runDiff()
            } else {
                try runKey()
            }
        }
    }

    private var scope: CacheScope { .tenant(tenant, namespace: namespace) }

    private var headerPairs: [(name: String, value: String)] {
        headers.map { header in
            let colon = header.firstIndex(of: ":")!
            return (String(header[..<colon]), String(header[header.index(after: colon)...]))
        }
    }

    private func runKey() throws {
        let path = files.first
        let request = try canonicalize(try Terminal.readInput(path), source: path ?? "standard input")
        let document = KeyDocument(request: request, scope: scope)
        let report = KeyReport(request: request, document: document, tenant: tenant, namespace: namespace)
        if json {
            try Terminal.printJSON(report)
        } else {
            print(report.text)
        }
    }

    private func runDiff() throws {
        let left = try canonicalize(try Terminal.readInput(files[0]), source: files[0])
        let right = try canonicalize(try Terminal.readInput(files[1]), source: files[1])
        let leftKey = KeyDocument(request: left, scope: scope).key
        let rightKey = KeyDocument(request: right, scope: scope).key
        let difference = CanonicalDifference.first(between: left, and: right)
        if json {
            try Terminal.printJSON(KeyDiffReport(left: leftKey, right: rightKey, difference: difference))
            return
        }
        guard let difference else {
            print("same key: \(leftKey.hex)")
            return
        }
        print("""
            different keys: \(leftKey.hex) (\(files[0])) vs \(rightKey.hex) (\(files[1]))
            first difference at \(difference.path):
              \(files[0]): \(difference.left)
              \(files[1]): \(difference.right)
            """)
    }

    private func canonicalize(_ body: [UInt8], source: String) throws -> CanonicalRequest {
        guard let provider = provider ?? Canonicalizer.inferProvider(body: body) else {
            throw CLIError("cannot tell whether \(source) is an OpenAI or an Anthropic request; pass --provider openai|anthropic")
        }
        do {
            return try Canonicalizer.canonicalize(body: body, provider: provider, headers: headerPairs)
        } catch .notCacheable(let reason) {
            throw CLIError("\(source) cannot be cached (bypass): \(reason)", exitCode: 2)
        } catch {
            throw CLIError("\(source): \(error)")
        }
    }
}

extension Provider: ExpressibleByArgument {}
