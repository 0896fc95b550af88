/// How a simulated camera's media side behaves.
public struct CameraMediaBehavior: Sendable, Hashable {
    /// Video flows after `startLive`; false: the camera acknowledges and sends nothing.
    public var videoStarts = true
    /// Its trickled candidates reach it; false: they name a port nobody listens on and it
    /// ignores the viewer's, so ICE fails.
    public var candidatesReachable = true
    /// Share of RTP packets it loses, 0…100.
    public var packetLossPercent = 0
    /// It answers with the invalid `a=setup:actpass`, as some firmwares do.
    public var answersActpass = false
    /// The `returnValue` of its `startLive` replies (0 is success).
    public var startLiveReturnValue = 0

    /// A camera that behaves.
    public init() {}

    /// "video never starts", "candidates unreachable", "5 % packet loss", or "" when healthy.
    public var summary: String {
        var parts: [String] = []
        if !videoStarts { parts.append("video never starts") }
        if !candidatesReachable { parts.append("candidates unreachable") }
        if packetLossPercent > 0 { parts.append("\(packetLossPercent) % packet loss") }
        if startLiveReturnValue != 0 { parts.append("startLive refused (\(startLiveReturnValue))") }
        return parts.joined(separator: ", ")
    }
}
