import Foundation

/// What runs a live view for the session manager: a receive-only WebRTC viewer seated on
/// the session's own signaling socket. The manager owns this protocol so that it does not
/// depend on any WebRTC stack; `vicotop` plugs in GStreamer's.
public protocol MediaEngine: Sendable {
    /// Nil when live views can run here; otherwise what to install, in words.
    var unavailableReason: String? { get }

    /// Runs one live view over `channel` until it has a verdict (a check) or until the
    /// task is cancelled (a preview), reporting as it goes. Must free everything it made
    /// (pipelines, threads, sockets) before it returns, also when cancelled.
    func view(_ request: MediaViewRequest, channel: MediaSignalingChannel,
              progress: @escaping @Sendable (MediaProgress) -> Void) async -> MediaOutcome
}

/// How to run one live view.
public struct MediaViewRequest: Sendable, Hashable {
    /// Stop after this many seconds of video (a check), or run until cancelled (a preview).
    public enum Length: Sendable, Hashable {
        case seconds(Double)
        case untilCancelled
    }

    /// The camera.
    public var serialNumber: String
    /// How long.
    public var length: Length
    /// Only TURN-relayed candidates.
    public var relayOnly: Bool
    /// Only loopback candidates (a simulator on this machine).
    public var loopbackOnly: Bool

    /// Creates a request.
    public init(serialNumber: String, length: Length, relayOnly: Bool = false, loopbackOnly: Bool = false) {
        self.serialNumber = serialNumber
        self.length = length
        self.relayOnly = relayOnly
        self.loopbackOnly = loopbackOnly
    }
}

/// A step of a running live view.
public enum MediaProgress: Sendable {
    /// A phase was reached, ms after the view started.
    case phase(name: String, ms: Double)
    /// Figures (and, while previewing, the latest thumbnail) of the running video.
    case figures(MediaFigures, MediaThumbnail?, selectedPair: String?)
}

/// How a live view ended.
public struct MediaOutcome: Sendable, Hashable {
    /// The verdict.
    public var verdict: MediaVerdict
    /// Every phase reached, in order, with its ms from the view's start.
    public var waterfall: [MediaPhaseTime]
    /// The selected pair in words (`host udp 127.0.0.1:5000 ⇄ host udp …`).
    public var selectedPair: String?
    /// Every candidate pair ICE could try and, as far as the stack tells, its state.
    public var candidatePairs: [String]
    /// DTLS and data-channel states at the end.
    public var dtlsState: String, dataChannelState: String
    /// The last figures.
    public var figures: MediaFigures
    /// The last frame, scaled for a thumbnail.
    public var thumbnail: MediaThumbnail?

    /// Creates an outcome.
    public init(verdict: MediaVerdict, waterfall: [MediaPhaseTime] = [], selectedPair: String? = nil, candidatePairs: [String] = [],
                dtlsState: String = "new", dataChannelState: String = "none", figures: MediaFigures = MediaFigures(),
                thumbnail: MediaThumbnail? = nil) {
        self.verdict = verdict
        self.waterfall = waterfall
        self.selectedPair = selectedPair
        self.candidatePairs = candidatePairs
        self.dtlsState = dtlsState
        self.dataChannelState = dataChannelState
        self.figures = figures
        self.thumbnail = thumbnail
    }
}

/// A live view's verdict, in the manager's own terms.
public enum MediaVerdict: Sendable, Hashable {
    /// Video decoded: `p2p` or `relay (udp|tcp)`, and ms from the start to the first frame.
    case ok(path: String, firstFrameMs: Int)
    /// Broke at a phase (`answer`, `ICE`, `DTLS`, `data channel`, `startLive`, `video`) for a reason.
    case failed(phase: String, reason: String)
    /// Cannot run here; what to install.
    case unavailable(reason: String)
    /// Stopped before a verdict (a preview ended, the session dropped).
    case cancelled

    /// `ok · p2p · 412 ms to first frame`, `failed at ICE: …`.
    public var line: String {
        switch self {
        case .ok(let path, let ms): return "ok · \(path) · \(ms) ms to first frame"
        case .failed(let phase, let reason): return "failed at \(phase): \(reason)"
        case .unavailable(let reason): return "unavailable: \(reason)"
        case .cancelled: return "cancelled"
        }
    }
}

/// One phase of the waterfall.
public struct MediaPhaseTime: Sendable, Hashable, Codable {
    /// The phase's name (`ICE connected`, …).
    public var name: String
    /// Milliseconds from the view's start.
    public var ms: Double
    /// Creates a phase time.
    public init(name: String, ms: Double) {
        self.name = name
        self.ms = ms
    }
}

/// The figures of running video.
public struct MediaFigures: Sendable, Hashable, Codable {
    public var fps = 0.0
    public var bitrateBps = 0.0
    public var width = 0, height = 0
    public var codec = "", profile = ""
    public var framesDecoded = 0
    public var packetsReceived = 0, packetsLost = 0
    public var jitterMs = 0.0
    public var nackCount = 0, pliCount = 0, firCount = 0
    public var freezes = 0
    /// No figures yet.
    public init() {}
}

/// A frame scaled down to terminal cells: each cell is two pixels, the upper one and the
/// lower one, as 0xRRGGBB.
public struct MediaThumbnail: Sendable, Hashable {
    /// Size in cells.
    public var columns: Int, rows: Int
    /// Upper pixels, row by row.
    public var tops: [UInt32]
    /// Lower pixels, row by row.
    public var bottoms: [UInt32]

    /// Creates a thumbnail; both arrays hold `columns * rows` colours.
    public init(columns: Int, rows: Int, tops: [UInt32], bottoms: [UInt32]) {
        self.columns = columns
        self.rows = rows
        self.tops = tops
        self.bottoms = bottoms
    }
}
