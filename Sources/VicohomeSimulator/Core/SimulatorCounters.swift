/// What the simulator has seen, for tests, soaks and benchmarks.
public struct SimulatorCounters: Sendable, Hashable, Codable {
    /// API calls answered, faults included.
    public var apiRequests = 0
    /// Tickets issued.
    public var ticketsIssued = 0
    /// Ticket requests refused with 101 or 102.
    public var ticketsRefused = 0
    /// Calls refused for a missing, wrong or revoked token.
    public var unauthorizedCalls = 0
    /// `stoplive` calls.
    public var stopLiveCalls = 0
    /// Signaling sockets accepted.
    public var socketsAccepted = 0
    /// Signaling handshakes refused (bad sign, unknown ticket, expired ticket).
    public var socketsRejected = 0
    /// Handshakes that presented a ticket after its expiry. Must stay 0 for a correct client.
    public var expiredTicketUses = 0
    /// Sockets closed with 3002 (viewer limit).
    public var viewerLimitCloses = 0
    /// Sockets closed with 1001 because their ticket expired.
    public var expiryCloses = 0
    /// Sockets dropped without a close frame (faults and flaky cameras).
    public var socketsDropped = 0
    /// Pings received.
    public var pingsReceived = 0
    /// Pongs sent.
    public var pongsSent = 0
    /// Pings deliberately left unanswered.
    public var pingsLost = 0
    /// SDP offers answered.
    public var offersAnswered = 0
    /// SDP offers a camera ignored, as real ones do (no `sctpmap`, another fingerprint, no H.264).
    public var offersIgnored = 0
    /// Live views whose video started (`startLive` acknowledged and frames sent).
    public var cameraPeersStarted = 0
    /// Camera WebRTC peers open right now.
    public var cameraPeersOpen = 0
    /// Cameras sending video right now (between startLive and stopLive or the viewer's end).
    public var camerasStreaming = 0
    /// Faults injected by chaos mode, by kind (``ChaosFault`` raw values).
    public var chaosFaults: [String: Int] = [:]

    /// Creates zeroed counters.
    public init() {}
}
