import Foundation
import LiveSession

/// Everything the dashboard shows, and what keys do to it. Pure: no terminal, no clock,
/// no network, so views and keys are tested without either.
public struct DashboardModel: Sendable {
    /// The devices, in the manager's order.
    public var snapshots: [DeviceSnapshot] = [] {
        didSet { refreshVisible() }
    }
    /// The time the countdowns are computed at.
    public var now: Date
    /// Endpoint, account, VPN.
    public var header: HeaderInfo
    /// A line shown while the fleet is being set up, or why it could not be.
    public var startup: String?
    /// The filter typed after `/` (empty: none).
    public var filter = "" {
        didSet {
            guard filter != oldValue else { return }
            // Typing one more character can only narrow the list, which is already sorted:
            // filter what is shown instead of filtering and sorting the whole fleet again.
            if filter.hasPrefix(oldValue) { visible = visible.filter(Self.matcher(filter)) } else { refreshVisible() }
        }
    }
    /// The list's order.
    public var sort: SortOrder = .added {
        didSet { if sort != oldValue { refreshVisible() } }
    }
    /// The selected device's serial.
    public var selected: String?
    /// Where keys move.
    public var focus: Focus = .list
    /// Lines scrolled in the focused detail.
    public var detailScroll = 0
    /// Prompts and overlays.
    public var mode: InputMode = .normal
    /// Each device's recent events.
    public var logs: [String: EventLog] = [:]
    /// The last command's outcome.
    public var status: StatusMessage?
    /// The theme's name, shown in the help.
    public var themeName = "default"
    /// The time zone clocks are shown in (the local one; fixed in tests).
    public var timeZone: TimeZone = .current
    /// Rows of the list pane, set by the layout so paging moves by a screenful.
    public var pageSize = 10
    /// How far the detail can scroll, set when it is drawn.
    public var maximumDetailScroll = Int.max
    /// The camera whose live view runs as a preview (`w`), if any.
    public var previewing: String? {
        didSet { if previewing != oldValue { previewSeen = false } }
    }
    /// Whether the manager has reported the preview running (so its end can be seen).
    private var previewSeen = false
    /// How thumbnails can be drawn here (from the colour depth and `--ascii`).
    public var pictureMode: PictureMode = .colour

    /// Events kept per device.
    public let eventHistory: Int

    /// Creates a model.
    public init(now: Date, header: HeaderInfo, eventHistory: Int = EventLog.defaultCapacity) {
        self.now = now
        self.header = header
        self.eventHistory = eventHistory
    }

    // MARK: Derived

    /// The devices shown: filtered, then sorted. Kept up to date when the snapshots, the
    /// filter or the order change, because every frame and key reads it several times and
    /// a fleet of thousands would otherwise be filtered and sorted again on each read.
    public private(set) var visible: [DeviceSnapshot] = []

    private mutating func refreshVisible() {
        visible = sort.sorted(filter.isEmpty ? snapshots : snapshots.filter(Self.matcher(filter)))
    }

    /// Whether a device matches a filter: its serial, name or state word contains it,
    /// ignoring case.
    private static func matcher(_ filter: String) -> (DeviceSnapshot) -> Bool {
        let needle = filter.lowercased()
        return { snapshot in
            snapshot.serialNumber.lowercased().contains(needle)
                || (snapshot.name?.lowercased().contains(needle) ?? false)
                || snapshot.state.word.contains(needle)
        }
    }

    /// The selected device, when it is visible.
    public var selectedSnapshot: DeviceSnapshot? {
        guard let selected else { return nil }
        return visible.first { $0.serialNumber == selected }
    }

    /// Counts for the header.
    public var counts: (total: Int, live: Int, refreshing: Int, failing: Int) {
        var live = 0, refreshing = 0, failing = 0
        for snapshot in snapshots {
            switch snapshot.state {
            case .live: live += 1
            case .refreshing: refreshing += 1
            case .backingOff, .unauthorized, .failed: failing += 1
            default: break
            }
        }
        return (snapshots.count, live, refreshing, failing)
    }

    /// Whether some visible device shows a ticket countdown (the 1 Hz tick runs only then).
    public var showsCountdown: Bool {
        visible.contains { snapshot in
            if snapshot.ticket != nil { return true }
            if case .backingOff = snapshot.state { return true }
            return false
        }
    }

    // MARK: Updates

    /// Takes a new set of snapshots, keeping the selection on the same device.
    public mutating func update(_ snapshots: [DeviceSnapshot]) {
        self.snapshots = snapshots
        keepSelectionValid()
        // A preview the manager ended (its session dropped or stopped) is over here too.
        if let serial = previewing, let media = snapshots.first(where: { $0.serialNumber == serial })?.media {
            if media.previewing {
                previewSeen = true
            } else if previewSeen {
                previewing = nil  // its didSet forgets that it was seen
            }
        }
    }

    /// Records an event in its device's log.
    public mutating func record(_ event: SessionEvent) {
        logs[event.serialNumber, default: EventLog(capacity: eventHistory)].append(event)
    }

    private mutating func keepSelectionValid() {
        let shown = visible
        if let selected, shown.contains(where: { $0.serialNumber == selected }) { return }
        selected = shown.first?.serialNumber
        detailScroll = 0
    }

    // MARK: Keys

    /// Applies a key and returns what the world must do. A preview follows the selection:
    /// selecting another camera (or Esc) ends it.
    public mutating func handle(_ key: Key) -> [Effect] {
        if key == .escape, mode == .normal, let serial = previewing {
            previewing = nil
            status = StatusMessage("preview of \(serial) stopped")
            return [.stopPreview(serial)]
        }
        let effects = handleKey(key)
        if let serial = previewing, serial != selected {
            previewing = nil
            return effects + [.stopPreview(serial)]
        }
        return effects
    }

    private mutating func handleKey(_ key: Key) -> [Effect] {
        switch mode {
        case .normal: break
        case .help:
            mode = .normal
            return key == .character("q") ? [.quit] : []
        case .filtering(let text):
            switch key {
            case .escape: filter = ""; mode = .normal; keepSelectionValid()
            case .enter: mode = .normal
            case .backspace: filter = String(text.dropLast()); mode = .filtering(filter); keepSelectionValid()
            case .character(let character): filter = text + String(character); mode = .filtering(filter); keepSelectionValid()
            default: break
            }
            return []
        case .adding(let text):
            switch key {
            case .escape: mode = .normal
            case .enter:
                mode = .normal
                let serial = text.trimmingCharacters(in: .whitespaces)
                guard Self.isPlausibleSerial(serial) else {
                    status = StatusMessage("not a serial number: '\(serial)'", isError: true)
                    return []
                }
                guard !snapshots.contains(where: { $0.serialNumber == serial }) else {
                    status = StatusMessage("\(serial) is already watched", isError: true)
                    return []
                }
                // A camera typed in by hand is the user's explicit wish: watched whatever its
                // shard, with a word that another watcher may watch it too.
                let shard = header.shard
                status = StatusMessage(shard.contains(serial)
                    ? "adding \(serial)"
                    : "adding \(serial) (shard \(Shard.owner(of: serial, count: shard.count))/\(shard.count), not this \(shard): watched here too)")
                selected = serial
                return [.add(serial)]
            case .backspace: mode = .adding(String(text.dropLast()))
            case .character(let character) where text.count < 64: mode = .adding(text + String(character))
            default: break
            }
            return []
        case .confirmReconnectAll:
            mode = .normal
            guard key == .character("y") || key == .character("Y") else { status = StatusMessage("reconnect all: cancelled"); return [] }
            status = StatusMessage("reconnecting all \(snapshots.count) devices")
            return [.reconnectAll]
        case .confirmCheckAllMedia:
            mode = .normal
            guard key == .character("y") || key == .character("Y") else { status = StatusMessage("check all: cancelled"); return [] }
            status = StatusMessage("checking every live camera's live view, two at a time")
            return [.checkAllMedia]
        case .confirmRemove(let serial):
            mode = .normal
            guard key == .character("y") || key == .character("Y") else { status = StatusMessage("remove: cancelled"); return [] }
            status = StatusMessage("removed \(serial)")
            return [.remove(serial)]
        }
        if key == .escape {
            if focus == .detail { focus = .list } else if !filter.isEmpty { filter = ""; keepSelectionValid() }
            status = nil
            return []
        }
        guard let action = KeyMap.action(for: key) else { return [] }
        return perform(action)
    }

    /// Applies an action in normal mode.
    public mutating func perform(_ action: Action) -> [Effect] {
        let selectedSerial = selectedSnapshot?.serialNumber
        switch action {
        case .selectNext: focus == .detail ? scrollDetail(1) : move(1)
        case .selectPrevious: focus == .detail ? scrollDetail(-1) : move(-1)
        case .pageDown: focus == .detail ? scrollDetail(max(1, pageSize - 1)) : move(max(1, pageSize - 1))
        case .pageUp: focus == .detail ? scrollDetail(-max(1, pageSize - 1)) : move(-max(1, pageSize - 1))
        case .selectFirst: focus == .detail ? (detailScroll = 0) : move(-Int.max / 2)
        case .selectLast: if focus == .list { move(Int.max / 2) }
        case .toggleFocus:
            focus = focus == .list ? .detail : .list
            detailScroll = 0
        case .reconnect:
            guard let serial = selectedSerial else { return noDevice() }
            status = StatusMessage("reconnecting \(serial)")
            return [.reconnect(serial)]
        case .reconnectAll:
            guard !snapshots.isEmpty else { return noDevice() }
            mode = .confirmReconnectAll
        case .refreshTicket:
            guard let serial = selectedSerial else { return noDevice() }
            status = StatusMessage("refreshing the ticket of \(serial)")
            return [.refreshTicket(serial)]
        case .toggleWatching:
            guard let snapshot = selectedSnapshot else { return noDevice() }
            if snapshot.state == .stopped {
                status = StatusMessage("resuming \(snapshot.serialNumber)")
                return [.resumeWatching(snapshot.serialNumber)]
            }
            status = StatusMessage("stopping \(snapshot.serialNumber) (stoplive)")
            return [.stopWatching(snapshot.serialNumber)]
        case .probeICE:
            guard let serial = selectedSerial else { return noDevice() }
            status = StatusMessage("probing the ICE servers of \(serial)")
            return [.probeICE(serial)]
        case .filter: mode = .filtering(filter)
        case .cycleSort:
            sort = sort.next
            status = StatusMessage("sorted by \(sort.rawValue)")
        case .addDevice: mode = .adding("")
        case .removeDevice:
            guard let serial = selectedSerial else { return noDevice() }
            mode = .confirmRemove(serial)
        case .copyTraceId:
            guard let snapshot = selectedSnapshot else { return noDevice() }
            guard let traceId = snapshot.ticket?.traceId else {
                status = StatusMessage("\(snapshot.serialNumber) has no ticket yet", isError: true)
                return []
            }
            status = StatusMessage("copied traceId \(traceId)")
            return [.copy(traceId)]
        case .exportReport:
            guard let serial = selectedSerial else { return noDevice() }
            return [.exportReport(serial)]
        case .checkMedia:
            guard let snapshot = selectedSnapshot else { return noDevice() }
            guard snapshot.state.isLive else { return refuseLiveView(snapshot) }
            status = StatusMessage("checking the live view of \(snapshot.serialNumber)")
            return [.checkMedia(snapshot.serialNumber)]
        case .checkAllMedia:
            guard !snapshots.isEmpty else { return noDevice() }
            mode = .confirmCheckAllMedia
        case .togglePreview:
            guard let snapshot = selectedSnapshot else { return noDevice() }
            if previewing == snapshot.serialNumber {
                previewing = nil
                status = StatusMessage("preview of \(snapshot.serialNumber) stopped")
                return [.stopPreview(snapshot.serialNumber)]
            }
            guard snapshot.state.isLive else { return refuseLiveView(snapshot) }
            var effects: [Effect] = previewing.map { [.stopPreview($0)] } ?? []
            previewing = snapshot.serialNumber
            status = nil
            effects.append(.startPreview(snapshot.serialNumber))
            return effects
        case .cycleTheme: return [.cycleTheme]
        case .help: mode = .help
        case .quit: return [.quit]
        }
        return []
    }

    private mutating func refuseLiveView(_ snapshot: DeviceSnapshot) -> [Effect] {
        status = StatusMessage("\(snapshot.serialNumber) is \(snapshot.state.word): a live view needs a live session", isError: true)
        return []
    }

    private mutating func noDevice() -> [Effect] {
        status = StatusMessage("no device selected", isError: true)
        return []
    }

    private mutating func move(_ offset: Int) {
        let shown = visible
        guard !shown.isEmpty else { return }
        let current = shown.firstIndex { $0.serialNumber == selected } ?? 0
        let target = min(shown.count - 1, max(0, current + offset))
        if shown[target].serialNumber != selected { detailScroll = 0 }
        selected = shown[target].serialNumber
    }

    private mutating func scrollDetail(_ offset: Int) {
        detailScroll = min(maximumDetailScroll, max(0, detailScroll + offset))
    }

    /// Serial numbers are short runs of letters and digits.
    static func isPlausibleSerial(_ text: String) -> Bool {
        (4...40).contains(text.count) && text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }
    }
}

/// How thumbnails are drawn.
public enum PictureMode: Sendable, Hashable {
    /// Half-blocks in colour (256 colours or 24-bit).
    case colour
    /// A grey ramp of characters (8 colours).
    case greyRamp
    /// No picture, only the figures (`NO_COLOR`, `--ascii`).
    case none
}
