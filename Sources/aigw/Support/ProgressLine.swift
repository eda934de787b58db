/// A progress line on stderr, redrawn in place, for operations over many records (a purge, a
/// usage report over a large request log). Drawn only when `enabled`: callers pass whether
/// stderr is a terminal, so pipes and logs never see control characters.
struct ProgressLine {
    var enabled: Bool

    /// A callback that redraws the line with `text(count)`; nil when disabled.
    func report(_ text: @escaping (Int) -> String) -> ((Int) -> Void)? {
        guard enabled else { return nil }
        return { count in Terminal.printErrorInPlace(text(count)) }
    }

    func finish() {
        if enabled { Terminal.printErrorInPlace("") }
    }
}
