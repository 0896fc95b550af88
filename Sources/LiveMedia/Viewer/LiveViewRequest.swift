import Foundation
import VicohomeAPI

/// What a live view is asked to do.
public struct LiveViewOptions: Sendable, Hashable {
    /// Only TURN-relayed candidates: tells "P2P blocked" from "camera broken".
    public var relayOnly = false
    /// Gather and accept only loopback candidates (tests, the embedded simulator).
    public var loopbackOnly = false
    /// Seconds of video to watch after the first frame (0 stops at the first frame;
    /// `.infinity` runs until the task is cancelled: a preview).
    public var watchSeconds: Double = 5
    /// Per-phase time-outs.
    public var timeouts = LiveViewTimeouts()
    /// The `size` asked for in `startLive`.
    public var size = "1280x720"
    /// Width of the frames kept for thumbnails, in pixels.
    public var thumbnailWidth = 160
    /// Statistics are read this often while connected.
    public var statsInterval: Duration = .seconds(1)
    /// PLI and FIR are sent this often until the first keyframe.
    public var keyframeRequestInterval: Duration = .seconds(2)

    /// The defaults.
    public init() {}
}

/// One live view to run over a session's signaling socket.
public struct LiveViewRequest: Sendable {
    /// The camera.
    public var serialNumber: String
    /// The session's ticket (its ICE servers, ids and ping interval).
    public var ticket: WebRTCTicket
    /// The name the socket announced (`name=` of its URL), for `connectionID`.
    public var clientName: String
    /// When the signaling socket opened, for `connectionID`.
    public var openTime: Date
    /// How.
    public var options: LiveViewOptions

    /// Creates a request.
    public init(serialNumber: String, ticket: WebRTCTicket, clientName: String, openTime: Date, options: LiveViewOptions = LiveViewOptions()) {
        self.serialNumber = serialNumber
        self.ticket = ticket
        self.clientName = clientName
        self.openTime = openTime
        self.options = options
    }
}

/// What a running live view tells its owner as it goes.
public enum LiveViewUpdate: Sendable {
    /// A phase was reached, this many ms after the start.
    case phase(LiveViewPhase, ms: Double)
    /// Fresh figures while video runs (once per statistics interval), with the latest frame.
    case health(MediaHealth, latestFrame: DecodedFrame?)
    /// The last word.
    case finished(LiveViewReport)
}
