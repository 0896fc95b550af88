/// What a key asks the dashboard to do.
public enum Action: Sendable, Hashable, CaseIterable {
    case selectNext, selectPrevious, pageDown, pageUp, selectFirst, selectLast
    case toggleFocus, reconnect, reconnectAll, refreshTicket, toggleWatching, probeICE
    case filter, cycleSort, addDevice, removeDevice, copyTraceId, exportReport
    case cycleTheme, help, quit
}

/// What the dashboard asks of the world after handling a key: session commands and
/// side effects the pure model cannot perform itself.
public enum Effect: Sendable, Hashable {
    case reconnect(String)
    case reconnectAll
    case refreshTicket(String)
    case stopWatching(String)
    case resumeWatching(String)
    case probeICE(String)
    case add(String)
    case remove(String)
    case copy(String)
    case exportReport(String)
    case cycleTheme
    case quit
}
