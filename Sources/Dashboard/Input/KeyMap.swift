/// The keys of the dashboard. The help overlay and the key bar are generated from it, so
/// they cannot drift from what the keys do.
public struct KeyBinding: Sendable, Hashable {
    /// The keys that trigger it.
    public var keys: [Key]
    /// How the help overlay names the keys.
    public var label: String
    /// A short word for the key bar; nil keeps it out of the bar.
    public var short: String?
    /// What it does, for the help overlay.
    public var help: String
    /// The action.
    public var action: Action
}

/// The key map.
public enum KeyMap {
    /// Every binding, in the order the help lists them.
    public static let bindings: [KeyBinding] = [
        KeyBinding(keys: [.character("j"), .down], label: "j ↓", short: nil, help: "select the next device", action: .selectNext),
        KeyBinding(keys: [.character("k"), .up], label: "k ↑", short: nil, help: "select the previous device", action: .selectPrevious),
        KeyBinding(keys: [.pageDown, .character(" ")], label: "PgDn Space", short: nil, help: "a page down (scrolls the detail when focused)", action: .pageDown),
        KeyBinding(keys: [.pageUp], label: "PgUp", short: nil, help: "a page up", action: .pageUp),
        KeyBinding(keys: [.home, .character("g")], label: "g Home", short: nil, help: "the first device", action: .selectFirst),
        KeyBinding(keys: [.end, .character("G")], label: "G End", short: nil, help: "the last device", action: .selectLast),
        KeyBinding(keys: [.enter, .tab], label: "Enter", short: "detail", help: "focus the detail of the device (again: back to the list)", action: .toggleFocus),
        KeyBinding(keys: [.character("r")], label: "r", short: "reconnect", help: "reconnect the selected device", action: .reconnect),
        KeyBinding(keys: [.character("R")], label: "R", short: "all", help: "reconnect every device (asks first)", action: .reconnectAll),
        KeyBinding(keys: [.character("t")], label: "t", short: "ticket", help: "refresh the selected device's ticket now", action: .refreshTicket),
        KeyBinding(keys: [.character("s")], label: "s", short: "stop", help: "stop watching the device (stoplive), or resume", action: .toggleWatching),
        KeyBinding(keys: [.character("p")], label: "p", short: "probe", help: "probe the ticket's ICE servers again", action: .probeICE),
        KeyBinding(keys: [.character("v")], label: "v", short: "view", help: "check the selected camera's live view, to the first frame", action: .checkMedia),
        KeyBinding(keys: [.character("V")], label: "V", short: nil, help: "check every live camera's live view (asks first)", action: .checkAllMedia),
        KeyBinding(keys: [.character("w")], label: "w", short: nil, help: "keep a live preview running (w or Esc stops)", action: .togglePreview),
        KeyBinding(keys: [.character("/")], label: "/", short: "filter", help: "filter devices by serial, name or state (Esc clears)", action: .filter),
        KeyBinding(keys: [.character("o")], label: "o", short: "sort", help: "cycle the sort order", action: .cycleSort),
        KeyBinding(keys: [.character("a")], label: "a", short: nil, help: "add a device by serial", action: .addDevice),
        KeyBinding(keys: [.character("d")], label: "d", short: nil, help: "remove the selected device (asks first)", action: .removeDevice),
        KeyBinding(keys: [.character("c")], label: "c", short: "copy", help: "copy the traceId to the clipboard (OSC 52, works over SSH)", action: .copyTraceId),
        KeyBinding(keys: [.character("e")], label: "e", short: "export", help: "export the connection report as JSON", action: .exportReport),
        KeyBinding(keys: [.character("T")], label: "T", short: "theme", help: "next colour theme", action: .cycleTheme),
        KeyBinding(keys: [.character("?"), .character("h")], label: "? h", short: "help", help: "this help", action: .help),
        KeyBinding(keys: [.character("q")], label: "q", short: "quit", help: "quit (Ctrl-C too)", action: .quit),
    ]

    private static let byKey: [Key: Action] = {
        var map: [Key: Action] = [:]
        for binding in bindings { for key in binding.keys { map[key] = binding.action } }
        return map
    }()

    /// The action bound to `key`.
    public static func action(for key: Key) -> Action? { byKey[key] }
}
