import AIGateway
import ArgumentParser

/// A span of time written as a number and a unit: `90s`, `30m`, `12h`, `7d`, `2w`.
struct AgeArgument: ExpressibleByArgument, Equatable {
    var seconds: Int64

    var duration: Duration { .seconds(seconds) }

    init(seconds: Int64) {
        self.seconds = seconds
    }

    init?(argument: String) {
        guard let seconds = ReportTime.seconds(ofAge: argument) else { return nil }
        self.seconds = seconds
    }

    /// As it is written back in `--help` defaults: the largest whole unit.
    var defaultValueDescription: String {
        for (unit, scale) in [("w", Int64(604_800)), ("d", 86_400), ("h", 3_600), ("m", 60)] where seconds > 0 && seconds % scale == 0 {
            return "\(seconds / scale)\(unit)"
        }
        return "\(seconds)s"
    }

    static var defaultCompletionKind: CompletionKind { .default }
}
