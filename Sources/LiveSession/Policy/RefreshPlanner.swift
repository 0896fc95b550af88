import Foundation
import VicohomeAPI

/// When to replace a ticket.
///
/// The rule: refresh `margin` before the ticket's expiry on the local clock (its
/// `expirationTime` corrected for the skew measured from its `time`), where
///
///     margin = min(max(20 % of the lifetime, 30 s), 120 s, 50 % of the lifetime)
///
/// so a five-minute ticket refreshes 60 s early, a one-hour ticket 120 s early, and a
/// 45-second ticket halfway through its life. A ticket without a server time is taken
/// to have lived since it arrived.
public struct RefreshPlanner: Sendable, Hashable {
    /// Fraction of the lifetime kept as margin.
    public var fraction: Double = 0.2
    /// The smallest margin, unless the lifetime is shorter than twice it.
    public var minimumMargin: TimeInterval = 30
    /// The largest margin.
    public var maximumMargin: TimeInterval = 120
    /// How close to expiry a ticket is still used to open a socket.
    public var usableGuard: TimeInterval = 2

    /// The default rule.
    public init() {}

    /// The margin for a ticket of `lifetime` seconds.
    public func margin(lifetime: TimeInterval) -> TimeInterval {
        let lifetime = max(0, lifetime)
        return min(max(lifetime * fraction, minimumMargin), maximumMargin, lifetime / 2)
    }

    /// Skew of the local clock against the server's: positive when the local clock is ahead.
    /// Measured at the middle of the request, which halves the error the round trip adds.
    public func skew(ticket: WebRTCTicket, requestedAt: Date, receivedAt: Date) -> TimeInterval {
        guard let serverTime = ticket.serverTime else { return 0 }
        let middle = requestedAt.addingTimeInterval(receivedAt.timeIntervalSince(requestedAt) / 2)
        return middle.timeIntervalSince(serverTime)
    }

    /// When to refresh a ticket, on the local clock.
    public func refreshDate(ticket: WebRTCTicket, skew: TimeInterval, receivedAt: Date) -> Date {
        let expiry = ticket.localExpiry(skew: skew)
        let lifetime = ticket.lifetime ?? expiry.timeIntervalSince(receivedAt)
        return expiry.addingTimeInterval(-margin(lifetime: lifetime))
    }

    /// Whether a ticket may still open a socket at `now`.
    public func isUsable(ticket: WebRTCTicket, skew: TimeInterval, now: Date) -> Bool {
        ticket.localExpiry(skew: skew).timeIntervalSince(now) > usableGuard
    }
}
