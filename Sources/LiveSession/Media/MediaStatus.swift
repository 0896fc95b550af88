import Foundation

/// What the manager knows of one camera's live view: never checked, being checked (at a
/// phase), or the last verdict with its figures. Part of every ``DeviceSnapshot``.
public struct MediaStatus: Sendable, Hashable {
    /// Where the live view stands.
    public enum State: Sendable, Hashable {
        /// No check has run.
        case never
        /// Waiting for a free slot (checks are bounded).
        case queued
        /// A check or preview runs; the last phase reached.
        case checking(phase: String)
        /// The last check's verdict.
        case done(MediaVerdict)
    }

    /// Where the live view stands.
    public var state: State = .never
    /// When the last check started.
    public var startedAt: Date?
    /// When the last check ended.
    public var checkedAt: Date?
    /// Whether a preview (a view kept running) is on.
    public var previewing = false
    /// The phases of the current or last view.
    public var waterfall: [MediaPhaseTime] = []
    /// The selected pair in words.
    public var selectedPair: String?
    /// Candidate pairs (possible ones, with states when known).
    public var candidatePairs: [String] = []
    /// DTLS and data-channel states.
    public var dtlsState = "—", dataChannelState = "—"
    /// The latest figures.
    public var figures = MediaFigures()
    /// Recent fps and kbit/s, oldest first, for sparklines (at most ``historyLength``).
    public var fpsHistory: [Double] = [], kbpsHistory: [Double] = []
    /// The latest thumbnail.
    public var thumbnail: MediaThumbnail?

    /// Samples kept for the sparklines.
    public static let historyLength = 40

    /// Nothing checked yet.
    public init() {}

    /// The verdict of the last finished check, if any.
    public var verdict: MediaVerdict? {
        if case .done(let verdict) = state { return verdict }
        return nil
    }

    /// 0 none, 1 p2p, 2 relay — the `vicotop_media_path` gauge.
    public var pathCode: Int {
        guard case .done(.ok(let path, _))? = Optional(state) else { return 0 }
        return path.hasPrefix("relay") ? 2 : 1
    }

    mutating func record(_ figures: MediaFigures) {
        self.figures = figures
        fpsHistory.append(figures.fps)
        kbpsHistory.append(figures.bitrateBps / 1000)
        if fpsHistory.count > Self.historyLength { fpsHistory.removeFirst(fpsHistory.count - Self.historyLength) }
        if kbpsHistory.count > Self.historyLength { kbpsHistory.removeFirst(kbpsHistory.count - Self.historyLength) }
    }
}
