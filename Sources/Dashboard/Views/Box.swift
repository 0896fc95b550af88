/// A bordered pane with a title in its top edge.
@MainActor
enum Box {
    /// Draws the border of `surface` and returns the surface inside it.
    static func draw(on surface: any Surface, title: [Span], focused: Bool, glyphs: Glyphs) -> any Surface {
        let (width, height) = (surface.width, surface.height)
        guard width >= 2, height >= 2 else { return surface.region(Rect(x: 0, y: 0, width: 0, height: 0)) }
        let style = Style(focused ? .accent : .border, bold: focused)
        let inner = String(repeating: glyphs.horizontal, count: width - 2)
        surface.put(glyphs.topLeft + inner + glyphs.topRight, row: 0, column: 0, style: style)
        surface.put(glyphs.bottomLeft + inner + glyphs.bottomRight, row: height - 1, column: 0, style: style)
        for row in 1..<(height - 1) {
            surface.put(glyphs.vertical, row: row, column: 0, style: style)
            surface.put(glyphs.vertical, row: row, column: width - 1, style: style)
        }
        if !title.isEmpty && width > 6 {
            var spans = [Span(" ", style)] + title + [Span(" ", style)]
            let room = width - 4
            var used = 0
            spans = spans.compactMap { span in
                guard used < room else { return nil }
                let text = ScreenText.truncate(span.text, to: room - used, ellipsis: glyphs.ellipsis)
                used += ScreenText.width(text)
                return Span(text, span.style)
            }
            surface.put(Line(spans), row: 0, column: 2)
        }
        return surface.region(Rect(x: 1, y: 1, width: width - 2, height: height - 2))
    }

    /// Writes a short note into the bottom edge, right-aligned ("3 more ↓").
    static func footnote(_ text: String, on surface: any Surface) {
        let note = " \(text) "
        let column = surface.width - ScreenText.width(note) - 2
        guard surface.height >= 2, column > 2 else { return }
        surface.put(note, row: surface.height - 1, column: column, style: .muted)
    }
}
