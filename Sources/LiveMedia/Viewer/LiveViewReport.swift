import Foundation

/// Everything one live view found: the waterfall, the verdict, the path and the figures.
public struct LiveViewReport: Sendable {
    /// The camera.
    public var serialNumber: String
    /// The session's traceId.
    public var traceId: String
    /// When the view started.
    public var startedAt: Date
    /// The phases reached, ms from the start.
    public var timeline: LiveViewTimeline
    /// The verdict.
    public var verdict: LiveViewVerdict
    /// The pair ICE chose, when it connected.
    public var selectedPair: SelectedPair?
    /// Candidates gathered here and received from the camera (`candidate:` lines).
    public var localCandidates: [String]
    /// See ``localCandidates``.
    public var remoteCandidates: [String]
    /// Remote candidates not applied because they were not loopback (loopback-only views).
    public var ignoredRemoteCandidates: Int
    /// What the camera's answer said.
    public var answer: CameraAnswer?
    /// The last ICE, DTLS and data-channel states, in words.
    public var iceState: String, dtlsState: String, channelState: String
    /// The media figures at the end.
    public var health: MediaHealth
    /// The last frame kept, for a thumbnail.
    public var lastFrame: DecodedFrame?
    /// Whether the view was relay-only.
    public var relayOnly: Bool

    /// The candidate pairs ICE could have tried (same transport on both ends).
    public var possiblePairs: Int { Self.possiblePairs(local: localCandidates, remote: remoteCandidates) }

    /// Counts the pairs of candidates with the same transport.
    static func possiblePairs(local: [String], remote: [String]) -> Int {
        func transport(_ line: String) -> String { line.split(separator: " ").dropFirst(2).first.map { $0.lowercased() } ?? "" }
        return local.reduce(0) { sum, line in sum + remote.filter { transport($0) == transport(line) }.count }
    }
}
