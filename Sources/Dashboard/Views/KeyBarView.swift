/// The bottom line: the main keys, a prompt while typing, or the last command's outcome.
@MainActor
struct KeyBarView {
    var glyphs: Glyphs

    func draw(_ model: DashboardModel, on surface: any Surface) {
        surface.fill(row: 0, style: Style(.header))
        let cursor = glyphs.isASCII ? "_" : "▏"
        switch model.mode {
        case .filtering(let text):
            surface.put(Line([Span(" filter: ", Style(.header, bold: true)), Span(text + cursor, Style(.header)),
                              Span("   Enter keep · Esc clear", Style(.header))]), row: 0)
        case .adding(let text):
            surface.put(Line([Span(" add serial: ", Style(.header, bold: true)), Span(text + cursor, Style(.header)),
                              Span("   Enter add · Esc cancel", Style(.header))]), row: 0)
        case .confirmReconnectAll:
            surface.put(" Reconnect all \(model.snapshots.count) devices? y / n ", row: 0, column: 0, style: Style(.warn, bold: true))
        case .confirmRemove(let serial):
            surface.put(" Remove \(serial)? y / n ", row: 0, column: 0, style: Style(.warn, bold: true))
        case .confirmCheckAllMedia:
            let counts = model.counts
            let live = counts.live + counts.refreshing
            surface.put(" Check the live view of all \(live) live cameras, two at a time? y / n ", row: 0, column: 0, style: Style(.warn, bold: true))
        case .help:
            surface.put(" any key closes the help", row: 0, column: 0, style: Style(.header))
        case .normal:
            var line = Line()
            if let serial = model.previewing {
                line.append(" \(glyphs.isASCII ? "*" : "●") preview \(serial) · w or Esc stops ", Style(.ok, bold: true))
            }
            if let status = model.status {
                line.append(" " + status.text + " ", Style(status.isError ? .error : .accent, bold: true))
            }
            for binding in KeyMap.bindings {
                guard let short = binding.short else { continue }
                line.append(" " + (binding.keys.first?.description ?? binding.label), Style(.header, bold: true))
                line.append(" " + short, Style(.header))
            }
            surface.put(line, row: 0)
        }
    }
}
