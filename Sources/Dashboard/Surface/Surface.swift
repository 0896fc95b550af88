/// Somewhere panes are drawn: an ncurses window, or an in-memory grid in tests.
///
/// Coordinates are relative to the surface. Text is cleaned (``ScreenText/clean(_:asciiOnly:)``)
/// and clipped at the right and bottom edges; nothing ever wraps.
@MainActor
public protocol Surface: AnyObject {
    /// Columns.
    var width: Int { get }
    /// Rows.
    var height: Int { get }
    /// Whether only ASCII may be drawn (the locale is not UTF-8).
    var asciiOnly: Bool { get }
    /// Draws already-cleaned text that fits, at a row and column inside the surface.
    func draw(cleaned text: Substring, row: Int, column: Int, style: Style)
}

extension Surface {
    /// Draws `text` at (row, column), cleaned and clipped; returns the cells drawn.
    @discardableResult
    public func put(_ text: String, row: Int, column: Int, style: Style = .text) -> Int {
        guard row >= 0, row < height, column >= 0, column < width else { return 0 }
        let clean = ScreenText.clean(text, asciiOnly: asciiOnly)
        let (fitted, cells) = ScreenText.clip(clean, to: width - column)
        if cells > 0 { draw(cleaned: fitted, row: row, column: column, style: style) }
        return cells
    }

    /// Draws a line of spans from `column`; returns the cells drawn.
    @discardableResult
    public func put(_ line: Line, row: Int, column: Int = 0) -> Int {
        var x = column
        for span in line.spans where x < width {
            x += put(span.text, row: row, column: x, style: span.style)
        }
        return x - column
    }

    /// Paints `count` cells of a row with spaces in `style` (backgrounds, selection bars).
    public func fill(row: Int, column: Int = 0, count: Int? = nil, style: Style) {
        let cells = min(count ?? width, width - column)
        guard cells > 0 else { return }
        put(String(repeating: " ", count: cells), row: row, column: column, style: style)
    }
}
