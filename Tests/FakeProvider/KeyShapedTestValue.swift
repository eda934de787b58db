/// Values shaped like provider API keys (`sk-…`), for tests that check such keys are redacted
/// and never forwarded. Built at run time so that no key-shaped literal sits in the sources,
/// where secret scanners would (rightly) flag it.
public enum KeyShapedTestValue {
    public static func make(_ suffix: String) -> String {
        ["sk", suffix].joined(separator: "-")
    }
}
