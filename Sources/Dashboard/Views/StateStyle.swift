import LiveSession

/// The colour role of a session state, next to its word and mark.
enum StateStyle {
    static func role(_ state: SessionState) -> Role {
        switch state {
        case .live: .ok
        case .refreshing: .accent
        case .idle, .stopped: .muted
        case .requestingTicket, .connecting, .backingOff: .warn
        case .unauthorized, .failed: .error
        }
    }

    /// The role of a ticket countdown: warn in its last fifth, error once expired.
    static func countdownRole(secondsLeft: Double, fraction: Double) -> Role {
        if secondsLeft <= 0 { return .error }
        if fraction < 0.2 { return .warn }
        return .text
    }

    /// The role of a loss percentage.
    static func lossRole(_ percent: Double) -> Role {
        percent >= 20 ? .error : (percent > 0 ? .warn : .text)
    }
}
