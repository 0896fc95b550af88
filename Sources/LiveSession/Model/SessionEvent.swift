import Foundation

/// Something that happened to one session: every transition, and the facts along the way.
public struct SessionEvent: Sendable, Hashable, Codable {
    /// What kind of thing happened.
    public enum Kind: String, Sendable, Hashable, Codable {
        /// The state changed.
        case stateChanged
        /// A ticket arrived.
        case ticketReceived
        /// A ticket request failed.
        case ticketFailed
        /// The signaling socket opened.
        case socketOpened
        /// The signaling socket closed or dropped.
        case socketClosed
        /// Pings went unanswered.
        case pingLost
        /// The camera joined the signaling group.
        case cameraJoined
        /// The camera left the signaling group.
        case cameraLeft
        /// The camera answered the offer.
        case answerReceived
        /// The camera sent an ICE candidate.
        case remoteCandidate
        /// A user command (reconnect, refresh, stop, …).
        case command
        /// ICE servers were probed.
        case iceProbed
        /// A live view reached a phase (the message names it and its ms).
        case mediaPhase
        /// A live view ended with a verdict.
        case mediaVerdict
    }

    /// When it happened.
    public var at: Date
    /// The camera.
    public var serialNumber: String
    /// The session's traceId, when a ticket exists.
    public var traceId: String?
    /// The kind.
    public var kind: Kind
    /// A one-line description, free of secrets and control characters.
    public var message: String
    /// The state after the event.
    public var state: SessionState

    /// Creates an event.
    public init(at: Date, serialNumber: String, traceId: String?, kind: Kind, message: String, state: SessionState) {
        self.at = at
        self.serialNumber = serialNumber
        self.traceId = traceId
        self.kind = kind
        self.message = message
        self.state = state
    }
}
