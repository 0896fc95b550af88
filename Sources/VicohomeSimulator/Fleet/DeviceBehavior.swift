import LiveMedia

/// How a simulated camera behaves. Presets cover the demo fleet; tests change single
/// fields at run time through ``SimulatorFault/setBehavior(serial:_:)``.
public struct DeviceBehavior: Sendable, Hashable {
    /// Whether the camera is online; an offline one gets code 102 for tickets.
    public var online = true
    /// Whether the ticket endpoint rejects the serial with code 101 although the device is listed.
    public var rejectsSerial = false
    /// The ticket lifetime for this camera; `nil` uses the simulator's default.
    public var ticketLifetime: Duration?
    /// Delay before a pong.
    public var pingLatency: Duration = .milliseconds(3)
    /// Uniform random spread added to or taken from ``pingLatency``.
    public var pingJitter: Duration = .milliseconds(1)
    /// Probability (0…1) that a ping gets no pong.
    public var pingLoss: Double = 0
    /// When set, the server drops the socket without a close frame after a random
    /// time in this range, again and again.
    public var socketDrops: ClosedRange<Duration>?
    /// How many viewers may watch at once; one more is closed with 3002.
    public var maxViewers = 4
    /// How long after the socket opens the camera joins (`PEER_IN`).
    public var cameraJoinDelay: Duration = .milliseconds(120)
    /// When set, the camera leaves (`PEER_OUT`) every `every` and comes back after `away`.
    public var peerFlap: PeerFlap?
    /// How its live view behaves (used when GStreamer can run the camera's WebRTC side).
    public var media = CameraMediaBehavior()

    /// A camera that leaves and rejoins the signaling group.
    public struct PeerFlap: Sendable, Hashable {
        /// Time between departures.
        public var every: Duration
        /// Time away before `PEER_IN` again.
        public var away: Duration
        /// Creates a flap pattern.
        public init(every: Duration, away: Duration) {
            self.every = every
            self.away = away
        }
    }

    /// Creates a healthy behaviour; change fields to make it misbehave.
    public init() {}

    /// Answers everything promptly.
    public static let healthy = DeviceBehavior()

    /// Tickets live only 45 seconds, so refreshes happen often.
    public static var shortLivedTickets: DeviceBehavior {
        var b = DeviceBehavior()
        b.ticketLifetime = .seconds(45)
        return b
    }

    /// Listed, but offline: tickets get 102.
    public static var offline: DeviceBehavior {
        var b = DeviceBehavior()
        b.online = false
        return b
    }

    /// Listed, but the ticket endpoint says 101.
    public static var invalidSerial: DeviceBehavior {
        var b = DeviceBehavior()
        b.rejectsSerial = true
        return b
    }

    /// Pongs arrive late and some never do.
    public static var slowLossyPings: DeviceBehavior {
        var b = DeviceBehavior()
        b.pingLatency = .milliseconds(240)
        b.pingJitter = .milliseconds(80)
        b.pingLoss = 0.15
        return b
    }

    /// The socket drops now and then.
    public static var flakySocket: DeviceBehavior {
        var b = DeviceBehavior()
        b.socketDrops = .seconds(20)...(.seconds(40))
        return b
    }

    /// Somebody else already watches: every socket is closed with 3002.
    public static var viewerLimitReached: DeviceBehavior {
        var b = DeviceBehavior()
        b.maxViewers = 0
        return b
    }

    /// The camera leaves every 30 s and rejoins 5 s later.
    public static var peerFlapping: DeviceBehavior {
        var b = DeviceBehavior()
        b.peerFlap = PeerFlap(every: .seconds(30), away: .seconds(5))
        return b
    }
}

extension DeviceBehavior {
    /// A few words on how the camera behaves, for banners and logs.
    public var summary: String {
        var parts: [String] = []
        if !online { parts.append("offline (102)") }
        if rejectsSerial { parts.append("serial rejected (101)") }
        if let lifetime = ticketLifetime { parts.append("tickets live \(Int(lifetime.inSeconds)) s") }
        if pingLoss > 0 || pingLatency > .milliseconds(50) {
            parts.append("pings \(Int(pingLatency.inSeconds * 1000))±\(Int(pingJitter.inSeconds * 1000)) ms, \(Int(pingLoss * 100))% lost")
        }
        if let drops = socketDrops {
            parts.append("socket drops every \(Int(drops.lowerBound.inSeconds))–\(Int(drops.upperBound.inSeconds)) s")
        }
        if maxViewers == 0 { parts.append("viewer limit reached (3002)") }
        if let flap = peerFlap { parts.append("camera leaves every \(Int(flap.every.inSeconds)) s for \(Int(flap.away.inSeconds)) s") }
        if !media.summary.isEmpty { parts.append("live view: \(media.summary)") }
        return parts.isEmpty ? "healthy" : parts.joined(separator: ", ")
    }
}

extension DeviceBehavior {
    /// This behaviour with its live view changed by `change`.
    public func media(_ change: (inout CameraMediaBehavior) -> Void) -> DeviceBehavior {
        var behavior = self
        change(&behavior.media)
        return behavior
    }
}
