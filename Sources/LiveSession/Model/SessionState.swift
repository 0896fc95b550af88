import Foundation

/// Where one device's live-view session stands. See ``DeviceStateMachine`` for the
/// transitions between these states.
public enum SessionState: Sendable, Hashable, Codable {
    /// Added, not yet started.
    case idle
    /// Waiting for a ticket.
    case requestingTicket
    /// Holding a ticket, opening the signaling socket.
    case connecting
    /// The socket is open and answering pings.
    case live
    /// Live on the old ticket while a new ticket and socket are prepared.
    case refreshing
    /// Waiting before the next attempt.
    case backingOff(until: Date, reason: BackoffReason)
    /// Paused because the account token was refused; resumes when the token changes, or
    /// when a periodic re-check finds the same token accepted again.
    case unauthorized
    /// Given up for good (invalid serial); only a manual reconnect tries again.
    case failed(reason: String)
    /// Watching was stopped (by the user, or after the stop-live timeout of a pause).
    case stopped

    /// One lower-case word for the state.
    public var word: String {
        switch self {
        case .idle: "idle"
        case .requestingTicket: "ticket"
        case .connecting: "connecting"
        case .live: "live"
        case .refreshing: "refreshing"
        case .backingOff(_, let reason): reason == .viewerLimit ? "viewer-limit" : (reason == .offline ? "offline" : "backoff")
        case .unauthorized: "unauthorized"
        case .failed: "failed"
        case .stopped: "stopped"
        }
    }

    /// Whether the device is watched with an open socket.
    public var isLive: Bool { self == .live || self == .refreshing }

    /// How healthy the state is, for colours and exit codes.
    public var health: Health {
        switch self {
        case .live, .refreshing: .ok
        case .idle, .requestingTicket, .connecting, .backingOff, .stopped: .degraded
        case .unauthorized, .failed: .failed
        }
    }

    /// A coarse verdict on a state.
    public enum Health: String, Sendable, Hashable, Codable {
        /// Live.
        case ok
        /// On its way to live, or waiting to retry.
        case degraded
        /// Will not become live without someone acting.
        case failed
    }
}

/// Why a session waits before trying again.
public enum BackoffReason: String, Sendable, Hashable, Codable, CaseIterable {
    /// The socket dropped or stopped answering pings.
    case socketDropped
    /// The server closed with 3002: too many viewers.
    case viewerLimit
    /// The camera is offline (102).
    case offline
    /// The cloud answered with a server error or garbage.
    case serverError
    /// The cloud did not answer in time, or could not be reached.
    case unreachable
    /// The signaling server refused the ticket more than once in a row.
    case ticketRejected
}
