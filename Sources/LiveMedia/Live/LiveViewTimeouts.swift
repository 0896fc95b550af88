/// How long each step may take before the view counts as failed there. The defaults follow
/// the vendor's player and public clients: 12 s for the answer, 20 s for one attempt to
/// connect, and video within 30 s of `startLive`.
public struct LiveViewTimeouts: Sendable, Hashable, Codable {
    /// From the offer to the camera's answer.
    public var answer: Duration = .seconds(12)
    /// From the answer to ICE connected.
    public var ice: Duration = .seconds(10)
    /// From ICE connected to DTLS connected and the data channel open.
    public var dtls: Duration = .seconds(10)
    /// From the data channel to the `startLive` reply.
    public var startLive: Duration = .seconds(10)
    /// From the `startLive` reply to the first decoded frame.
    public var video: Duration = .seconds(30)

    /// The defaults (the vendor's).
    public init() {}
}
