import ArgumentParser

/// A span of time written as a number and a unit: `90s`, `30m`, `12h`, `7d`, `2w`.
struct AgeArgument: ExpressibleByArgument, Equatable {
    var seconds: Int64

    var duration: Duration { .seconds(seconds) }

    init?(argument: String) {
        guard let unit = argument.last, let count = Int64(argument.dropLast()), count >= 0 else { return nil }
        let scale: Int64
        switch unit {
        case "s": scale = 1
        case "m": scale = 60
        case "h": scale = 3_600
        case "d": scale = 86_400
        case "w": scale = 604_800
        default: return nil
        }
        let (product, overflow) = count.multipliedReportingOverflow(by: scale)
        guard !overflow else { return nil }
        seconds = product
    }

    static var defaultCompletionKind: CompletionKind { .default }
}
