import Foundation
import VicohomeAPI

/// How a ``VicohomeSimulator`` starts.
public struct SimulatorConfiguration: Sendable {
    /// The address to listen on. Loopback by default; the simulator is not a server for networks.
    public var host = "127.0.0.1"
    /// The API port; 0 picks a free one.
    public var apiPort = 0
    /// The signaling WebSocket port; 0 picks a free one.
    public var signalingPort = 0
    /// The dialect spoken.
    public var wireStyle: WireStyle = .seed
    /// Lifetime of a ticket unless the camera's behaviour says otherwise.
    public var ticketLifetime: Duration = .seconds(300)
    /// The ping interval written into tickets.
    public var pingInterval: Duration = .seconds(5)
    /// The stop-live timeout written into tickets.
    public var stopLiveTimeout: Duration = .seconds(30)
    /// The account's e-mail.
    public var email = "demo@vicotop.test"
    /// The account's password.
    public var password: Secret = "demo-password"
    /// The account's token; fixed so a user can paste it from `vicotop simulate`'s banner.
    public var token: Secret = "demo-token-0123456789abcdef"
    /// The account's cameras.
    public var devices: [SimulatedDevice] = DemoFleet.devices
    /// External ICE servers (a TURN server) to put into every ticket after the simulator's own STUN responder.
    public var extraICEServers: [ICEServer] = []
    /// Seed of the generator behind injected loss, jitter and drops.
    public var seed: UInt64 = 0x5EED
    /// How far the simulator's clock is ahead of the real one, to test skew correction.
    public var clockOffset: Duration = .zero
    /// The simulator's time source, before ``clockOffset``: the real clock, unless a test
    /// puts the simulator on the same manual clock as the client, so that tickets are
    /// issued, checked and expired in the time the test controls.
    public var clock: @Sendable () -> Date = { Date() }
    /// The `Authorization` forms accepted: both by default, as the real cloud does; a test
    /// narrows it to one to prove a client really sends that form.
    public var authSchemes: Set<AuthScheme> = Set(AuthScheme.allCases)

    /// Creates the default configuration: the demo fleet on free loopback ports.
    public init() {}
}
