import Foundation
import VicohomeAPI

/// Everything the dashboard and the headless modes show about one device, frozen at
/// ``updatedAt``. Holds no secret: the ticket appears only as a ``TicketSummary``.
public struct DeviceSnapshot: Sendable, Hashable, Encodable, Identifiable {
    /// The camera's serial.
    public var serialNumber: String
    /// The camera's name, when known.
    public var name: String?
    /// The session state.
    public var state: SessionState
    /// When the state began.
    public var stateSince: Date?
    /// The current ticket, secrets left out.
    public var ticket: TicketSummary?
    /// Keep-alive health of the current socket.
    public var ping: PingStatistics
    /// Whether the camera is in the signaling group.
    public var cameraPresent: Bool
    /// Candidates the camera sent (RFC 8839 lines, sanitised).
    public var remoteCandidates: [String]
    /// Candidates this machine would offer, from the last ICE probe.
    public var localCandidates: [String]
    /// The last probe of each ICE server of the ticket.
    public var iceServers: [ICEServerStatus]
    /// Timing of the phases of the current session.
    public var phases: SessionPhases
    /// Failures since the session was last stable.
    public var attempt: Int
    /// The last error met, in words.
    public var lastError: String?
    /// When the last event happened.
    public var lastEventAt: Date?
    /// Reconnects so far, by reason.
    public var reconnects: [String: Int]
    /// Ticket requests so far, by result (`ok`, `offline`, `unauthorized`, …).
    public var ticketRequests: [String: Int]
    /// When this snapshot was taken.
    public var updatedAt: Date
    /// The live view: never checked, being checked, or the last verdict with its figures.
    public var media = MediaStatus()

    /// The serial number.
    public var id: String { serialNumber }

    /// Seconds until the ticket expires at `now` (local clock, skew corrected).
    public func timeLeft(at now: Date) -> TimeInterval? {
        ticket.map { $0.expiresAt.timeIntervalSince(now) }
    }

    /// The share of the ticket's life left at `now`, 0…1.
    public func fractionLeft(at now: Date) -> Double? {
        guard let ticket, let left = timeLeft(at: now), ticket.lifetime > 0 else { return nil }
        return min(1, max(0, left / ticket.lifetime))
    }

    /// Seconds left when the snapshot was taken.
    public var timeLeft: TimeInterval? { timeLeft(at: updatedAt) }
    /// The share of life left when the snapshot was taken.
    public var fractionLeft: Double? { fractionLeft(at: updatedAt) }
}

/// The ticket fields worth showing, without `sign`, access token or TURN credentials.
public struct TicketSummary: Sendable, Hashable, Codable {
    /// The session's id.
    public var traceId: String
    /// The signaling group.
    public var groupId: String
    /// This client's role in the group.
    public var role: String
    /// This client's id in the group.
    public var id: String
    /// The signaling server URL.
    public var signalServer: String
    /// The server's clock when it issued the ticket.
    public var serverTime: Date?
    /// The expiry on the local clock.
    public var expiresAt: Date
    /// The whole lifetime, in seconds.
    public var lifetime: TimeInterval
    /// Local clock minus server clock, in seconds.
    public var clockSkew: TimeInterval
    /// Seconds between keep-alive pings.
    public var pingInterval: TimeInterval
    /// Seconds the socket is kept after a pause.
    public var stopLiveTimeout: TimeInterval
    /// The ICE server URIs.
    public var iceServerURLs: [String]

    /// Summarises a ticket.
    public init(_ ticket: WebRTCTicket, skew: TimeInterval, receivedAt: Date) {
        traceId = ticket.traceId
        groupId = ticket.groupId
        role = ticket.role
        id = ticket.id
        signalServer = ticket.signalServer
        serverTime = ticket.serverTime
        expiresAt = ticket.localExpiry(skew: skew)
        lifetime = ticket.lifetime ?? expiresAt.timeIntervalSince(receivedAt)
        clockSkew = skew
        pingInterval = ticket.signalPingInterval
        stopLiveTimeout = ticket.appStopLiveTimeout
        iceServerURLs = ticket.iceServers.flatMap(\.urls)
    }
}

/// Milliseconds from the ticket request to each milestone of a session.
public struct SessionPhases: Sendable, Hashable, Codable {
    /// The ticket arrived.
    public var ticketMs: Double?
    /// The signaling socket opened.
    public var socketOpenMs: Double?
    /// The camera joined the group (`PEER_IN`).
    public var cameraInMs: Double?
    /// The camera answered the offer.
    public var answerMs: Double?
    /// The first remote candidate arrived.
    public var firstCandidateMs: Double?
    /// The first pong arrived.
    public var firstPongMs: Double?
    /// No milestone yet.
    public init() {}
}

/// What the last probe of one ICE server found.
public struct ICEServerStatus: Sendable, Hashable, Codable {
    /// The server's URI.
    public var url: String
    /// Whether it answered as asked.
    public var ok: Bool
    /// Round trip of its first answer, in milliseconds.
    public var rttMs: Double?
    /// The address it reported, or what went wrong.
    public var detail: String
    /// Creates a status line.
    public init(url: String, ok: Bool, rttMs: Double?, detail: String) {
        self.url = url
        self.ok = ok
        self.rttMs = rttMs
        self.detail = detail
    }
}
