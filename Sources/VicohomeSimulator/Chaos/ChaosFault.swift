import Foundation

/// The kinds of fault chaos mode injects, each as a real cloud misbehaves.
public enum ChaosFault: String, Sendable, Hashable, CaseIterable, Codable {
    /// A camera's signaling socket dropped without a close frame.
    case socketDrop
    /// One to three API calls within two seconds answered with HTTP 500, 502 or 503.
    case serverError
    /// One API call within two seconds answered with a truncated JSON body.
    case malformedBody
    /// Every API answer delayed by 1–4 s for a few seconds.
    case slowAnswers
    /// A ticket revoked before its expiry: the camera's socket drops and the signaling
    /// server refuses the next handshake, so the client must fetch a new ticket.
    case ticketRevoked
    /// Every API call refused as unauthorised (401) for one to three seconds, as during
    /// an outage of the cloud's auth service.
    case unauthorizedBurst
    /// A camera stops answering pings for a while.
    case lostPongs
}

/// One fault of a chaos run: when, what, where and how much.
public struct ChaosEvent: Sendable, Hashable {
    /// The wait since the previous event.
    public var after: Duration
    /// The fault.
    public var fault: ChaosFault
    /// Which camera, as an index into the fleet (modulo its size).
    public var target: Int
    /// A fault-specific amount: error count, delay, outage length.
    public var magnitude: Int
}

/// The sequence of faults at `rate` per second, the same for the same seed: waits are
/// exponential (a Poisson process), faults and targets uniform.
public struct ChaosPlan: Sendable {
    private var random: SeededRandom
    /// Faults per second.
    public let rate: Double

    /// A plan; `rate` must be positive.
    public init(rate: Double, seed: UInt64) {
        precondition(rate > 0 && rate.isFinite, "chaos rate must be positive")
        self.rate = rate
        random = SeededRandom(seed: seed ^ 0xC4A0_5C4A_05C4_A05C)
    }

    /// The next event.
    public mutating func next() -> ChaosEvent {
        let uniform = Double(random.next() >> 11) / Double(1 << 53)
        let seconds = -log(1 - uniform) / rate
        let fault = ChaosFault.allCases[Int(random.next() % UInt64(ChaosFault.allCases.count))]
        return ChaosEvent(after: .milliseconds(Int64(min(seconds, 3600) * 1000)), fault: fault,
                          target: Int(random.next() % 1_000_000), magnitude: 1 + Int(random.next() % 3))
    }
}

