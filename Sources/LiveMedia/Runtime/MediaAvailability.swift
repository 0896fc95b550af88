/// Whether this machine can run live views: GStreamer and the plugins webrtcbin needs.
public enum MediaAvailability: Sendable, Hashable {
    /// Everything is there; the GStreamer version in use.
    case available(version: String)
    /// Something is missing; what, in words.
    case unavailable(reason: String)

    /// The one line that installs every package a live view needs (Debian 12).
    public static let aptLine =
        "apt-get install gstreamer1.0-plugins-bad gstreamer1.0-nice gstreamer1.0-plugins-good gstreamer1.0-plugins-base gstreamer1.0-libav"

    /// Whether live views can run.
    public var isAvailable: Bool {
        if case .available = self { return true }
        return false
    }

    /// "install … (why)" when unavailable, "" otherwise.
    public var advice: String {
        if case .unavailable(let reason) = self { return "install \(Self.aptLine) (\(reason))" }
        return ""
    }

    /// "unavailable: install …" with the apt line and the reason, or the version in use.
    public var summary: String {
        switch self {
        case .available(let version): return "available (\(version))"
        case .unavailable: return "unavailable: \(advice)"
        }
    }
}
