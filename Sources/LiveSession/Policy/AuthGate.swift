import Foundation

/// Whether ticket requests may go out, given what the cloud last said about the token.
///
/// A refused token (401) closes the gate for every session at once, so a fleet does not
/// hammer the cloud with requests that cannot succeed. The same token is tried again
/// later with a single request (a *probe*), after ``BackoffPolicy/authRecheckDelay(attempt:)``:
/// an auth outage on the cloud's side heals by itself, a token that was really revoked
/// costs one request per re-check. A new token opens the gate at once.
struct AuthGate: Sendable {
    enum Phase: Sendable, Equatable {
        /// The token is believed good.
        case open
        /// Refused; nothing goes out until the re-check. `attempt` counts refusals in a row.
        case closed(attempt: Int)
        /// A re-check is under way; the next answer decides.
        case probing(attempt: Int)
    }

    private(set) var phase: Phase = .open
    let policy: BackoffPolicy

    init(policy: BackoffPolicy) { self.policy = policy }

    /// Whether a ticket request may be sent now.
    var allowsRequests: Bool {
        if case .closed = phase { false } else { true }
    }

    /// The cloud refused the token. Returns the wait before the re-check when this closes
    /// the gate, or nil when it was closed already (a late answer to an earlier request).
    mutating func refused() -> TimeInterval? {
        switch phase {
        case .open:
            phase = .closed(attempt: 0)
            return policy.authRecheckDelay(attempt: 0)
        case .probing(let attempt):
            phase = .closed(attempt: attempt + 1)
            return policy.authRecheckDelay(attempt: attempt + 1)
        case .closed:
            return nil
        }
    }

    /// The re-check is due. Returns the wait before the next one (should the probe give no
    /// answer), or nil when the gate is open and nothing is to be checked.
    mutating func recheckDue() -> TimeInterval? {
        switch phase {
        case .open:
            return nil
        case .closed(let attempt), .probing(let attempt):
            phase = .probing(attempt: attempt)
            return policy.authRecheckDelay(attempt: attempt)
        }
    }

    /// The cloud accepted the token. Returns true when this ends a re-check, so the
    /// sessions that were paused must resume.
    mutating func accepted() -> Bool {
        guard case .probing = phase else { return false }
        phase = .open
        return true
    }

    /// A new token: whatever the old one's fate, requests may go out.
    mutating func reset() { phase = .open }
}
