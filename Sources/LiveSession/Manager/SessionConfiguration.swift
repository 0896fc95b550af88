import Foundation

/// How a ``SessionManager`` behaves.
public struct SessionConfiguration: Sendable {
    /// The `name` this client gives itself on the signaling URL.
    public var clientName = "vicotop"
    /// Back-off rules.
    public var backoff = BackoffPolicy()
    /// Ticket refresh rules.
    public var planner = RefreshPlanner()
    /// Ticket requests in flight at once, over the client's pooled connections.
    public var maxConcurrentTicketRequests = 32
    /// Lost pings in a row that declare a socket dead.
    public var pingMissLimit = 3
    /// How long a socket handshake may take.
    public var socketTimeout: Duration = .seconds(10)
    /// Whether to probe each new ticket's ICE servers and gather local candidates.
    public var probeICE = true
    /// Deadline of one ICE probe round.
    public var iceProbeTimeout: Duration = .seconds(4)
    /// Events kept per device for the log and the report (see ``eventLimit(fleetSize:)``).
    public var eventHistory = 200
    /// Events kept across the whole fleet (about 130 bytes each): a large fleet keeps fewer
    /// per device, so that 10,000 cameras watched for hours do not hold two million events.
    public var eventBudget = 100_000
    /// The fewest events a device keeps, however large the fleet.
    public static let minimumEventHistory = 10

    /// Events each device keeps in a fleet of `fleetSize`: ``eventHistory``, or an even share
    /// of ``eventBudget`` when that is smaller, but never fewer than ``minimumEventHistory``.
    public func eventLimit(fleetSize: Int) -> Int {
        max(Self.minimumEventHistory, min(eventHistory, eventBudget / max(1, fleetSize)))
    }
    /// Timers due this close together fire together, early and never late: a large fleet's
    /// pings then wake the scheduler at most 1/leeway times a second, not once per ping.
    public var timerLeeway: Duration = .milliseconds(10)
    /// A socket's first ping still unanswered after this long is followed by one probe ping
    /// in the same round (either pong answers it): a lost first ping would otherwise keep
    /// the first RTT waiting a whole ping interval. Nil: no probe.
    public var firstPongProbe: Duration? = .milliseconds(500)
    /// What runs live views (``MediaEngine``); none: media checks say so.
    public var mediaEngine: (any MediaEngine)?
    /// Live views running at once; more wait their turn (a live view wakes a camera).
    public var mediaConcurrency = 2
    /// Seconds of video a check watches after the first frame.
    public var mediaCheckSeconds = 2.0
    /// Only TURN-relayed candidates in live views.
    public var mediaRelayOnly = false
    /// Only loopback candidates in live views (a simulator on this machine).
    public var mediaLoopbackOnly = false

    /// The defaults.
    public init() {}
}
