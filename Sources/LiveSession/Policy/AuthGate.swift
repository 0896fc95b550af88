import Foundation

/// Whether ticket requests may go out, given what the cloud last said about the token.
///
/// A refused token (401) closes the gate for every session at once, so a fleet does not
/// hammer the cloud with requests that cannot succeed. The same token is tried again
/// later with a single request (a *probe*), after ``BackoffPolicy/authRecheckDelay(attempt:)``:
/// an auth outage on the cloud's side heals by itself, a token that was really revoked
/// costs one request per re-check. A new token opens the gate at once.
///
/// Every change of phase starts a new *generation*. A request carries the generation it
/// was sent in, and only answers from the current generation decide anything: a 401 to a
/// request sent with the old token, or before the gate closed, does not close it again.
struct AuthGate: Sendable {
    enum Phase: Sendable, Equatable {
        /// The token is believed good.
        case open
        /// Refused; nothing goes out until the re-check. `attempt` picks the wait: 0 after the
        /// first refusal, one more for each refused probe (rescue probes aside).
        case closed(attempt: Int)
        /// A re-check is under way: only `probe`'s request goes out, and its answer decides.
        /// A `rescue` probe was sent early for live sessions and does not lengthen the waits.
        case probing(attempt: Int, probe: String, rescue: Bool)
    }

    /// What an answer from the ticket endpoint says about the token.
    enum Verdict: Sendable, Equatable {
        /// A ticket, or a refusal that names the camera (the cloud checks the token first).
        case accepted
        /// 401 or one of its codes.
        case refused
        /// A server error, a malformed body, a timeout: nothing is learnt, and the probe
        /// goes on asking at its own back-off.
        case unknown
    }

    private(set) var phase: Phase = .open
    /// Changes with every phase; see the type's notes.
    private(set) var generation = 0
    let policy: BackoffPolicy

    init(policy: BackoffPolicy) { self.policy = policy }

    /// Whether every session may ask.
    var isOpen: Bool { phase == .open }

    /// Whether `serial` may send a ticket request now.
    func allowsRequest(from serial: String) -> Bool {
        switch phase {
        case .open: true
        case .closed: false
        case .probing(_, let probe, _): probe == serial
        }
    }

    /// The answer to a request sent in `generation` arrived. Returns what to do:
    /// `.closed(wait)` when this closes the gate (pause everyone, re-check after `wait`),
    /// `.reopened` when it ends a re-check (resume everyone), `.none` otherwise.
    mutating func answer(_ verdict: Verdict, sentIn generation: Int) -> Change {
        guard generation == self.generation else { return .none }
        switch (phase, verdict) {
        case (.open, .refused):
            move(to: .closed(attempt: 0))
            return .closed(wait: policy.authRecheckDelay(attempt: 0))
        case (.probing(let attempt, _, let rescue), .refused):
            let next = rescue ? attempt : attempt + 1
            move(to: .closed(attempt: next))
            return .closed(wait: policy.authRecheckDelay(attempt: next))
        case (.probing, .accepted):
            move(to: .open)
            return .reopened
        default:
            // Among others: no verdict while probing, so the probe asks again on its own
            // back-off and stays the only one asking.
            return .none
        }
    }

    /// What an answer changed.
    enum Change: Sendable, Equatable {
        case none
        case closed(wait: TimeInterval)
        case reopened
    }

    /// The re-check is due: `probe` alone may ask. Returns the wait before the next
    /// re-check (should the probe give no answer), or nil when the gate is open.
    mutating func recheckDue(probe: String, rescue: Bool) -> TimeInterval? {
        switch phase {
        case .open:
            return nil
        case .closed(let attempt), .probing(let attempt, _, _):
            move(to: .probing(attempt: attempt, probe: probe, rescue: rescue))
            return policy.authRecheckDelay(attempt: attempt)
        }
    }

    /// A new token: whatever the old one's fate, requests may go out.
    mutating func reset() { move(to: .open) }

    private mutating func move(to next: Phase) {
        phase = next
        generation &+= 1
    }
}
