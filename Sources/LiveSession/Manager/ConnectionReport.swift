import Foundation

/// Everything known about one session, for a support ticket: exportable as JSON in the
/// shape of ``JSONContract`` (see `ConnectionReport+Codable.swift`), with no secret in it
/// (the ticket appears only as a ``TicketSummary``).
public struct ConnectionReport: Sendable, Codable {
    /// The session's traceId.
    public var traceId: String?
    /// The camera.
    public var serialNumber: String
    /// The camera's name.
    public var name: String?
    /// When the report was made.
    public var generatedAt: Date
    /// The state then.
    public var state: SessionState
    /// The ticket, secrets left out.
    public var ticket: TicketSummary?
    /// Phase timings of the session.
    public var phases: SessionPhases
    /// Keep-alive figures.
    public var ping: PingSummary
    /// The ICE servers' probe results.
    public var iceServers: [ICEServerStatus]
    /// Candidates this machine would offer.
    public var localCandidates: [String]
    /// Candidates the camera sent.
    public var remoteCandidates: [String]
    /// Whether a VPN was detected, and through which interfaces.
    public var vpn: VPNStatus?
    /// Errors met, oldest first.
    public var errors: [SessionEvent]
    /// The latest events, oldest first.
    public var events: [SessionEvent]
    /// The last live-view check, in the vendor's terms.
    public var media: MediaReport?

    /// Ping statistics as plain figures.
    public struct PingSummary: Sendable, Codable {
        /// Pings sent.
        public var sent: Int
        /// Pongs received.
        public var received: Int
        /// The last round trip, in milliseconds.
        public var lastMs: Double?
        /// The smallest round trip in the window.
        public var minMs: Double?
        /// The mean round trip in the window.
        public var avgMs: Double?
        /// The largest round trip in the window.
        public var maxMs: Double?
        /// RFC 3550 jitter, in milliseconds.
        public var jitterMs: Double
        /// Lost pings in the window, in percent.
        public var lossPercent: Double
        /// Pings lost in a row, up to now.
        public var consecutiveMisses: Int

        init(_ stats: PingStatistics) {
            sent = stats.sent
            received = stats.received
            lastMs = stats.lastMs
            minMs = stats.minMs
            avgMs = stats.avgMs
            maxMs = stats.maxMs
            jitterMs = stats.jitterMs
            lossPercent = stats.lossPercent
            consecutiveMisses = stats.consecutiveMisses
        }
    }

    /// VPN detection result.
    public struct VPNStatus: Sendable, Codable, Hashable {
        /// Whether a VPN-like interface is up or carries the default route.
        public var detected: Bool
        /// The VPN-like interfaces.
        public var interfaces: [String]
    }

    /// Encodes the report as pretty JSON, a top-level object of the contract (with its
    /// `schemaVersion`).
    public func json() throws -> Data {
        try JSONContract.document(self, pretty: true)
    }
}
