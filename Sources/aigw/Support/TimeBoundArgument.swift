import AIGateway
import ArgumentParser

/// A point in time on the command line: an age back from now (`90s`, `12h`, `7d`, `2w`) or a
/// UTC day (`2026-11-29`, meaning its start). Parsed by ``ReportTime``, as the HTTP API does.
struct TimeBoundArgument: ExpressibleByArgument, Equatable {
    var text: String

    init?(argument: String) {
        guard ReportTime.milliseconds(argument, nowMs: 0) != nil else { return nil }
        text = argument
    }

    /// Unix milliseconds.
    var milliseconds: Int64 { ReportTime.milliseconds(text, nowMs: ReportTime.nowMs) ?? 0 }

    /// The UTC day this falls on, `yyyy-MM-dd`: the ledger's granularity.
    var day: String { ReportTime.day(text, nowMs: ReportTime.nowMs) ?? "" }

    static var defaultCompletionKind: CompletionKind { .default }
}

extension LedgerGrouping: ExpressibleByArgument {}
