/// The version of vicotop, sent as the user agent and shown by `--version`.
public enum VicotopVersion {
    /// The current version.
    public static let current = "0.1.0"
}
