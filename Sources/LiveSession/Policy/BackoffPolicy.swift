import Foundation

/// How long to wait before trying again.
///
/// - Dropped sockets, server errors, timeouts: exponential with full jitter,
///   `random(0, min(cap, base · 2^attempt))`, base 1 s, cap 60 s. The attempt count resets
///   once a session has been live for ``stablePeriod``.
/// - Offline camera (102): about every 60 s (±10 %).
/// - Viewer limit (3002): about every 120 s (±10 %), since another viewer holds the slot.
/// - Token refused (401): every session pauses; one ticket request re-checks the same token
///   after 60 s, then 120 s, 240 s … up to 10 min while it stays refused, so a passing
///   auth outage heals without hammering the cloud. Live sessions keep their sockets; while
///   one of them waits for a refresh the cloud refused, the re-check comes every 10 s
///   until its ticket expires, so a short outage does not cost it the live view.
public struct BackoffPolicy: Sendable, Hashable {
    /// The first step of the exponential back-off.
    public var base: TimeInterval = 1
    /// The longest exponential wait.
    public var cap: TimeInterval = 60
    /// The wait for an offline camera.
    public var offlineRetry: TimeInterval = 60
    /// The wait after the viewer limit.
    public var viewerLimitRetry: TimeInterval = 120
    /// Live this long, and a session's failures are forgiven.
    public var stablePeriod: TimeInterval = 30
    /// The first wait before re-checking a refused token.
    public var authRecheck: TimeInterval = 60
    /// The longest wait between re-checks of a refused token.
    public var authRecheckCap: TimeInterval = 600
    /// The wait between re-checks while a live session holds a ticket whose refresh the
    /// cloud refused: short, so a brief outage does not cost it the live view.
    public var authRecheckForLiveSessions: TimeInterval = 10

    /// The default policy.
    public init() {}

    /// The wait before attempt number `attempt` (0 for the first retry) after `reason`.
    /// `unit` is a random number in 0..<1.
    public func delay(reason: BackoffReason, attempt: Int, unit: Double) -> TimeInterval {
        switch reason {
        case .offline: return offlineRetry * (0.9 + 0.2 * unit)
        case .viewerLimit: return viewerLimitRetry * (0.9 + 0.2 * unit)
        case .socketDropped, .serverError, .unreachable, .ticketRejected:
            let ceiling = min(cap, base * pow(2, Double(min(attempt, 30))))
            // Full jitter, but never a zero wait: a floor of 10 % of the base keeps a tight loop out.
            return max(base * 0.1, ceiling * unit)
        }
    }

    /// The wait before re-check number `attempt` (0 for the first) of a refused token.
    public func authRecheckDelay(attempt: Int) -> TimeInterval {
        min(authRecheckCap, authRecheck * pow(2, Double(min(max(attempt, 0), 30))))
    }
}
