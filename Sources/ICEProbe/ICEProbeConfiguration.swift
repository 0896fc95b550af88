import Logging
import NIOCore
import NIOPosix

/// Settings shared by all probes.
public struct ICEProbeConfiguration: Sendable {
    /// UDP retransmission timing.
    public var retransmission: STUNRetransmissionPolicy
    /// The longest one probe may take, all its exchanges together.
    public var timeout: Duration
    /// Sent as SOFTWARE in requests, so server operators can see who is asking; nil sends none.
    public var software: String?
    /// The event loops the sockets run on.
    public var eventLoopGroup: any EventLoopGroup
    /// Where the probes log their exchanges, at debug level.
    public var logger: Logger

    /// Creates a configuration; by default 100 ms × 7 retransmissions within 3 s.
    public init(
        retransmission: STUNRetransmissionPolicy = STUNRetransmissionPolicy(),
        timeout: Duration = .seconds(3),
        software: String? = "vicotop ICEProbe",
        eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        logger: Logger = Logger(label: "vicotop.iceprobe")
    ) {
        self.retransmission = retransmission
        self.timeout = timeout
        self.software = software
        self.eventLoopGroup = eventLoopGroup
        self.logger = logger
    }
}
