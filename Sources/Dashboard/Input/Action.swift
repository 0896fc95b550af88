/// What a key asks the dashboard to do.
/// Each case is documented by its binding's `help` text in ``KeyMap/bindings``.
public enum Action: Sendable, Hashable, CaseIterable {
    /// Moving: the selection, or the detail's scroll when it has focus.
    case selectNext, selectPrevious, pageDown, pageUp, selectFirst, selectLast
    /// Focus and the session commands for the selected device (or all).
    case toggleFocus, reconnect, reconnectAll, refreshTicket, toggleWatching, probeICE
    /// The list and the device set.
    case filter, cycleSort, addDevice, removeDevice, copyTraceId, exportReport
    /// Live views: check the selected camera, check all (asks first), keep a preview running.
    case checkMedia, checkAllMedia, togglePreview
    /// Looks and leaving.
    case cycleTheme, help, quit
}

/// What the dashboard asks of the world after handling a key: session commands and
/// side effects the pure model cannot perform itself.
public enum Effect: Sendable, Hashable {
    /// Drop the device's session and start again with a new ticket.
    case reconnect(String)
    /// The same for every device.
    case reconnectAll
    /// Ask for a new ticket now.
    case refreshTicket(String)
    /// Stop watching (the cloud's stoplive).
    case stopWatching(String)
    /// Watch again.
    case resumeWatching(String)
    /// Probe the ticket's ICE servers again.
    case probeICE(String)
    /// Watch a new serial.
    case add(String)
    /// Stop and forget a device.
    case remove(String)
    /// Put text on the clipboard (OSC 52).
    case copy(String)
    /// Write the device's connection report to a file.
    case exportReport(String)
    /// Check the camera's live view (a few seconds of decoded video).
    case checkMedia(String)
    /// Check every live camera's live view (bounded).
    case checkAllMedia
    /// Keep a live view running on the camera (a slow preview).
    case startPreview(String)
    /// End the camera's preview.
    case stopPreview(String)
    /// Switch to the next theme.
    case cycleTheme
    /// Leave the dashboard.
    case quit
}
