import LiveSession

/// The selected device's recent events, newest at the bottom, with time and traceId.
@MainActor
struct EventLogView {
    var glyphs: Glyphs

    func draw(_ model: DashboardModel, on surface: any Surface) {
        let serial = model.selectedSnapshot?.serialNumber
        var title = [Span("Events", Style(.accent, bold: true))]
        if let serial { title.append(Span(" " + serial, .muted)) }
        let inner = Box.draw(on: surface, title: title, focused: false, glyphs: glyphs)
        guard inner.height > 0 else { return }
        let events = serial.flatMap { model.logs[$0]?.events } ?? []
        guard !events.isEmpty else {
            inner.put(" no events yet", row: 0, column: 0, style: .muted)
            return
        }
        // traceIds share a long prefix and differ at the end, so a cut keeps the end.
        let traceWidth = max(8, min(32, inner.width / 3))
        for (row, event) in events.suffix(inner.height).enumerated() {
            let trace = ScreenText.pad(event.traceId.map { Self.tail($0, width: traceWidth, ellipsis: glyphs.ellipsis) } ?? "—", to: traceWidth)
            inner.put(Line([
                Span(Format.time(event.at, in: model.timeZone) + " ", .muted),
                Span(trace + " ", .muted),
                Span(event.message, Style(role(event))),
            ]), row: row)
        }
    }

    static func tail(_ text: String, width: Int, ellipsis: String) -> String {
        guard text.count > width else { return text }
        return ellipsis + String(text.suffix(width - 1))
    }

    private func role(_ event: SessionEvent) -> Role {
        switch event.kind {
        case .ticketFailed, .socketClosed, .pingLost, .cameraLeft: event.state.health == .failed ? .error : .warn
        case .stateChanged: StateStyle.role(event.state) == .ok ? .ok : (event.state.health == .failed ? .error : .text)
        case .command: .accent
        default: .text
        }
    }
}
