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
///
/// Cameras started together get their tickets together, and would refresh together
/// (a burst of ticket requests and sockets each lifetime). So each camera refreshes at its
/// own point of a spread window that ends at `expiry - margin`: never later than the
/// margin allows, at most `spreadFraction` of the lifetime earlier. The point comes from
/// the serial (``spreadUnit(serialNumber:)``), so it is the same on every run and testable.
public struct RefreshPlanner: Sendable, Hashable {
    /// Fraction of the lifetime kept as margin.
    public var fraction: Double = 0.2
    /// The smallest margin, unless the lifetime is shorter than twice it.
    public var minimumMargin: TimeInterval = 30
    /// The largest margin.
    public var maximumMargin: TimeInterval = 120
    /// How close to expiry a ticket is still used to open a socket.
    public var usableGuard: TimeInterval = 2
    /// The share of the lifetime before `expiry - margin` over which a fleet's refreshes
    /// spread (0 turns spreading off).
    public var spreadFraction: Double = 0.1

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

    /// The spread window for a ticket of `lifetime` seconds: how much earlier than
    /// `expiry - margin` a refresh may be planned.
    public func spreadWindow(lifetime: TimeInterval) -> TimeInterval {
        max(0, lifetime) * min(max(spreadFraction, 0), 0.4)
    }

    /// When to refresh a ticket, on the local clock: `expiry - margin - unit × window`,
    /// with `unit` in 0..<1 (0: at the margin, the latest allowed).
    public func refreshDate(ticket: WebRTCTicket, skew: TimeInterval, receivedAt: Date, unit: Double = 0) -> Date {
        let expiry = ticket.localExpiry(skew: skew)
        let lifetime = ticket.lifetime ?? expiry.timeIntervalSince(receivedAt)
        let early = spreadWindow(lifetime: lifetime) * min(max(unit, 0), 1)
        return expiry.addingTimeInterval(-margin(lifetime: lifetime) - early)
    }

    /// A camera's place in the spread window, 0..<1, from its serial alone: FNV-1a, stable
    /// across runs and machines (Swift's `Hasher` is seeded per process).
    public static func spreadUnit(serialNumber: String) -> Double {
        var hash = ShardHash.fnv1a(serialNumber.utf8)
        // Serials share long prefixes and differ at the end: mix the bits before using the top ones.
        hash ^= hash >> 33
        hash &*= 0xff51_afd7_ed55_8ccd
        hash ^= hash >> 33
        return Double(hash >> 11) / Double(UInt64(1) << 53)
    }

    /// Whether a ticket may still open a socket at `now`.
    public func isUsable(ticket: WebRTCTicket, skew: TimeInterval, now: Date) -> Bool {
        ticket.localExpiry(skew: skew).timeIntervalSince(now) > usableGuard
    }
}
