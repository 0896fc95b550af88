/// The timers a session can hold; at most one of each kind at a time.
public enum SessionTimer: String, Sendable, Hashable, CaseIterable, Codable {
    /// The end of a back-off.
    case retry
    /// The time to replace the ticket.
    case refresh
    /// The ticket's expiry: past it, the ticket is never used again.
    case expiry
    /// The next keep-alive ping.
    case ping
    /// The end of the stop-live timeout after a pause.
    case stopLive
}
