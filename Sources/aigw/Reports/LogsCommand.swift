import AIGateway
import ArgumentParser
import Foundation

struct LogsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "logs",
        abstract: "Print the request log: one line per request, oldest first.",
        discussion: """
            Without --follow, prints the last --limit records that match. With --follow, keeps \
            printing new records as the gateway commits them (it flushes every 250 ms) until \
            interrupted (Ctrl-C). --json prints one JSON object per line (docs/request-log.md).

            Examples:
              aigw logs --since 1h
              aigw logs --tenant acme --failed --limit 100
              aigw logs --request-id aigw_1795953600123_k3v9q2m1x8zt
              aigw logs --follow --json
            """
    )

    @OptionGroup var location: StoreLocation

    @Option(help: "Only this tenant.")
    var tenant: String?

    @Flag(help: "Only failed requests.")
    var failed = false

    @Option(help: "Only records since then: an age (1h, 30m) or a UTC date (2026-11-29).")
    var since: TimeBoundArgument?

    @Option(name: .customLong("request-id"), help: "Only the request with this id.")
    var requestID: String?

    @Option(help: "At most this many records before following (the newest ones).")
    var limit = 50

    @Flag(help: "Keep printing new records until interrupted.")
    var follow = false

    @Option(help: .hidden)
    var pollMilliseconds = 250

    @Flag(help: "Print one JSON object per line instead of text.")
    var json = false

    func validate() throws {
        if limit < 0 { throw ValidationError("--limit must not be negative.") }
        if pollMilliseconds < 10 { throw ValidationError("--poll-milliseconds must be at least 10.") }
    }

    var query: RequestLogQuery {
        RequestLogQuery(sinceMs: since?.milliseconds, tenant: tenant, failedOnly: failed, requestID: requestID)
    }

    func run() async throws {
        try await runReportingErrors {
            let printer = LogPrinter(json: json)
            var initial = query
            initial.limit = limit
            initial.newest = true
            let records = try read(initial)
            for record in records { printer.print(record) }
            if records.isEmpty && !json && !follow { Terminal.printError("no matching requests in \(location.path)") }
            printer.flush()
            guard follow else { return }
            // What --limit left out of the first page is older than it: never print it later.
            var tail = FollowedTail(floor: records.last?.cursor)
            while !Task.isCancelled {
                try await Task.sleep(for: .milliseconds(pollMilliseconds))
                var next = query
                next.after = tail.resumeAfter
                for record in try read(next) where tail.see(record.cursor) {
                    printer.print(record)
                }
                tail.forgetOutsideWindow()
                printer.flush()
            }
        }
    }

    private func read(_ query: RequestLogQuery) throws -> [LoggedRequest] {
        do throws(LedgerError) {
            return try RequestLog.read(storePath: location.path, query: query)
        } catch .noStore {
            // Following a store the gateway has not created yet: wait for it.
            if follow { return [] }
            throw CLIError("no store at \(location.path)")
        } catch {
            throw CLIError("cannot read the request log of \(location.path): \(error)")
        }
    }
}

/// Where `--follow` resumes. Another gateway on the same store may commit records keyed a little
/// earlier than the newest one printed (each writer flushes on its own 250 ms beat), so each poll
/// rescans a trailing window and skips the records it has already printed.
struct FollowedTail {
    static let windowMs: Int64 = 10_000
    private var printed: Set<RequestLogCursor> = []
    private var newest: RequestLogCursor?
    /// The newest record printed before following: nothing at or before it is printed again.
    private let floor: RequestLogCursor?

    init(floor: RequestLogCursor?) {
        self.floor = floor
        newest = floor
    }

    /// Marks `cursor` printed; false if it already was, or lies at or before the floor.
    mutating func see(_ cursor: RequestLogCursor) -> Bool {
        if let floor, cursor <= floor { return false }
        guard printed.insert(cursor).inserted else { return false }
        if newest.map({ $0 < cursor }) ?? true { newest = cursor }
        return true
    }

    /// Drops what the next poll cannot return again; once per poll, so memory stays at one window.
    mutating func forgetOutsideWindow() {
        guard let newest else { return }
        printed = printed.filter { $0.timeMs >= newest.timeMs - Self.windowMs }
    }

    var resumeAfter: RequestLogCursor? {
        newest.map { RequestLogCursor(timeMs: $0.timeMs - Self.windowMs - 1, writer: .max, sequence: .max) }
    }
}
