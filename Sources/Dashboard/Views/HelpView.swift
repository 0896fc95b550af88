/// The help overlay, generated from the key map.
@MainActor
struct HelpView {
    var glyphs: Glyphs

    func draw(_ model: DashboardModel, on surface: any Surface) {
        for row in 0..<surface.height { surface.fill(row: row, style: .text) }
        let inner = Box.draw(on: surface, title: [Span("Keys", Style(.accent, bold: true))], focused: true, glyphs: glyphs)
        var row = 0
        for binding in KeyMap.bindings where row < inner.height {
            inner.put(Line([Span(" " + ScreenText.pad(binding.label, to: 12), Style(.accent, bold: true)), Span(binding.help)]), row: row)
            row += 1
        }
        if row + 1 < inner.height {
            inner.put(" theme \(model.themeName) · sort \(model.sort.rawValue) · Esc in a prompt cancels · any key closes",
                      row: row + 1, column: 0, style: .muted)
        }
    }
}
