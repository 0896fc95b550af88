/// When to resend an unanswered request over UDP (RFC 8489 section 6.2.1).
///
/// Sends happen at 0, RTO, 3 RTO, 7 RTO, ... (the interval doubles), and after the last send
/// the client waits `finalWaitMultiplier` × RTO before giving up. The defaults are shorter than
/// the RFC's 500 ms × 7 because a diagnostic tool should not hang for 39.5 s per server.
public struct STUNRetransmissionPolicy: Sendable, Hashable {
    /// The first retransmission timeout.
    public var initialRTO: Duration
    /// How many times the request is sent in all, the first send included (the RFC's Rc).
    public var maxTransmissions: Int
    /// How many initial RTOs to wait after the last send (the RFC's Rm).
    public var finalWaitMultiplier: Int

    /// Creates a policy; the defaults are 100 ms, 7 sends and a final wait of 16 RTO. Counts
    /// are clamped to 1...64 sends and 1...1024 RTOs.
    public init(initialRTO: Duration = .milliseconds(100), maxTransmissions: Int = 7, finalWaitMultiplier: Int = 16) {
        self.initialRTO = initialRTO
        // Clamped so that absurd settings cannot overflow Duration arithmetic.
        self.maxTransmissions = min(max(1, maxTransmissions), 64)
        self.finalWaitMultiplier = min(max(1, finalWaitMultiplier), 1024)
    }

    /// The delay after send number `attempt` (1-based) before the next send or, after the
    /// last send, before giving up.
    public func delay(afterTransmission attempt: Int) -> Duration {
        if attempt >= maxTransmissions { return initialRTO * finalWaitMultiplier }
        return initialRTO * (1 << min(max(attempt - 1, 0), 20))
    }
}
