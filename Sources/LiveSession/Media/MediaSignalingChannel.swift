import Foundation
import VicohomeAPI

/// A media engine's seat on a session's signaling socket: the live view's offer, answer
/// and candidates ride the socket the session already holds (no second ticket).
public struct MediaSignalingChannel: Sendable {
    /// The camera.
    public let serialNumber: String
    /// The session's ticket (ICE servers, ids, ping interval).
    public let ticket: WebRTCTicket
    /// When the socket opened.
    public let openTime: Date
    /// The name the socket announced itself with.
    public let clientName: String
    /// The camera's messages for the live view: `SDP_ANSWER`, `ICE_CANDIDATE`, `PEER_IN`,
    /// `PEER_OUT`. Ends when the socket closes or the channel is closed.
    public let incoming: AsyncStream<SignalingMessage>
    /// Puts a message on the socket.
    public let send: @Sendable (SignalingMessage) -> Void
    /// Gives the seat up; ``incoming`` ends.
    public let close: @Sendable () -> Void
}

/// Why a live view could not get a seat on the session's socket.
public enum MediaAttachError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The manager does not watch that camera.
    case unknownDevice(String)
    /// The session did not become live in time; its state and last error.
    case notLive(state: String, lastError: String?)
    /// The socket is open but the camera never joined (`PEER_IN`).
    case cameraAbsent(seconds: Int)

    public var description: String {
        switch self {
        case .unknownDevice(let serial): return "\(serial) is not watched"
        case .notLive(let state, let error): return "the session is \(state)" + (error.map { ": \($0)" } ?? "")
        case .cameraAbsent(let seconds): return "the camera never joined the signaling group (no PEER_IN in \(seconds) s)"
        }
    }
}

/// One media engine's subscription to a socket's messages.
struct MediaTap {
    let generation: Int
    let continuation: AsyncStream<SignalingMessage>.Continuation
}
