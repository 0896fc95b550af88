/// How the video of a running live view is doing.
public struct MediaHealth: Sendable, Hashable {
    /// Frames decoded in the last interval, per second.
    public var fps = 0.0
    /// Received bits per second over the last interval, in kbit/s.
    public var kbps = 0.0
    /// The stream's resolution, when decoded.
    public var width = 0, height = 0
    /// `H264`, `H265`, …
    public var codec = ""
    /// The H.264 profile-level-id, e.g. `42e01f`.
    public var profile = ""
    /// Frames decoded in all.
    public var framesDecoded = 0
    /// Packets received and lost in all.
    public var packetsReceived = 0, packetsLost = 0
    /// Interarrival jitter, in milliseconds.
    public var jitterMs = 0.0
    /// Feedback the viewer sent: NACKs, PLIs and FIRs (as RTCP counted them).
    public var nackCount = 0, pliCount = 0, firCount = 0
    /// Keyframe requests this viewer made while waiting for the first keyframe.
    public var keyframeRequests = 0
    /// Gaps of more than a second without a frame, and their sum in seconds.
    public var freezes = 0
    /// See ``freezes``.
    public var frozenSeconds = 0.0
    /// Bytes received in all.
    public var bytesReceived = 0

    /// A healthy nothing.
    public init() {}

    /// The loss as a share of the packets that should have come, 0…1.
    public var lossRatio: Double {
        let expected = packetsReceived + packetsLost
        return expected > 0 ? Double(packetsLost) / Double(expected) : 0
    }

    /// `1280×720` or `—`.
    public var resolution: String { width > 0 ? "\(width)×\(height)" : "—" }
}

/// Turns successive readings into rates: frames and bytes per second between samples.
public struct MediaRates: Sendable, Hashable {
    private var lastSeconds: Double?
    private var lastFrames = 0
    private var lastBytes = 0

    /// No samples yet.
    public init() {}

    /// Folds a sample taken at `seconds` into `health` (fps and kbit/s since the last one).
    public mutating func update(_ health: inout MediaHealth, at seconds: Double) {
        defer {
            lastSeconds = seconds
            lastFrames = health.framesDecoded
            lastBytes = health.bytesReceived
        }
        guard let last = lastSeconds, seconds - last > 0.05 else { return }
        let span = seconds - last
        health.fps = Double(max(0, health.framesDecoded - lastFrames)) / span
        health.kbps = Double(max(0, health.bytesReceived - lastBytes)) * 8 / 1000 / span
    }
}
