/// What a terminal below ``Layout/minimum`` shows instead of a broken layout.
@MainActor
struct TooSmallView {
    func draw(size: Size, on surface: any Surface) {
        let lines = ["terminal too small", "need \(Layout.minimum.width)×\(Layout.minimum.height)", "have \(size.width)×\(size.height)", "q quits"]
        let top = max(0, (surface.height - lines.count) / 2)
        for (index, text) in lines.enumerated() where top + index < surface.height {
            let column = max(0, (surface.width - ScreenText.width(text)) / 2)
            surface.put(text, row: top + index, column: column, style: Style(index == 0 ? .warn : .text, bold: index == 0))
        }
    }
}
