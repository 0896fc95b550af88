/// What a WebRTC peer reports, in the order GStreamer's threads report it.
public enum PeerEvent: Sendable, Equatable {
    /// A local ICE candidate (`""` when gathering ended) for an m-line.
    case localCandidate(mLineIndex: Int, line: String)
    /// An offer or answer was created.
    case descriptionCreated(SDPType, sdp: String)
    /// Creating or setting a description failed.
    case descriptionFailed(String)
    /// The remote description was accepted.
    case remoteDescriptionSet
    /// webrtcbin's ICE connection state (GstWebRTCICEConnectionState).
    case iceState(ICEConnectionState)
    /// webrtcbin's peer connection state (GstWebRTCPeerConnectionState).
    case connectionState(PeerConnectionState)
    /// The DTLS transport's state (GstWebRTCDTLSTransportState).
    case dtlsState(DTLSState)
    /// The data channel opened.
    case channelOpen(label: String)
    /// A text message arrived on the data channel.
    case channelMessage(String)
    /// The data channel closed.
    case channelClosed
    /// The data channel failed.
    case channelError(String)
    /// An incoming RTP stream appeared; its caps.
    case stream(caps: String)
    /// The first RTP packet arrived.
    case firstRTP
    /// A keyframe passed the parser; how many so far.
    case keyframe(count: Int)
    /// The first decoded frame (later ones go to the peer's ``FrameTap``).
    case firstFrame
    /// A statistics report, as `id\tfield\tvalue` lines.
    case stats(String)
    /// The pipeline reported an error.
    case error(String)
}

/// An SDP type as webrtcbin numbers it.
public enum SDPType: Int, Sendable {
    /// An offer.
    case offer = 1
    /// An answer.
    case answer = 3
}

/// GstWebRTCICEConnectionState.
public enum ICEConnectionState: Int, Sendable {
    case new = 0, checking, connected, completed, failed, disconnected, closed
}

/// GstWebRTCPeerConnectionState.
public enum PeerConnectionState: Int, Sendable {
    case new = 0, connecting, connected, disconnected, failed, closed
}

/// GstWebRTCDTLSTransportState.
public enum DTLSState: Int, Sendable {
    case new = 0, closed, failed, connecting, connected
}
