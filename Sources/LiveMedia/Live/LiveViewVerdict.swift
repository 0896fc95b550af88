/// How the media reached the viewer.
public enum MediaPath: Sendable, Hashable {
    /// Directly (host or server-reflexive candidates on both ends).
    case p2p
    /// Through a TURN server, reached over `udp` or `tcp`.
    case relay(transport: String)

    /// `p2p` or `relay (udp)`.
    public var description: String {
        switch self {
        case .p2p: return "p2p"
        case .relay(let transport): return "relay (\(transport))"
        }
    }

    /// `p2p` or `relay`, the vendor's `p2p_connection_type`.
    public var kind: String {
        if case .p2p = self { return "p2p" }
        return "relay"
    }
}

/// One line that says whether the live view works and, if not, where it broke.
public enum LiveViewVerdict: Sendable, Hashable {
    /// Video decoded; the path and the milliseconds from the start to the first frame.
    case ok(path: MediaPath, firstFrameMs: Int)
    /// The view broke at this phase, for this reason.
    case failed(phase: LiveViewPhase, reason: String)
    /// This machine cannot run a live view (GStreamer missing); what to install.
    case unavailable(reason: String)

    /// `ok · p2p · 412 ms to first frame`, `failed at ICE: …`, `unavailable: install …`.
    public var line: String {
        switch self {
        case .ok(let path, let ms): return "ok · \(path.description) · \(ms) ms to first frame"
        case .failed(let phase, let reason): return "failed at \(phase.shortName): \(reason)"
        case .unavailable(let reason): return "unavailable: \(reason)"
        }
    }

    /// Whether video was decoded.
    public var isOK: Bool {
        if case .ok = self { return true }
        return false
    }
}
