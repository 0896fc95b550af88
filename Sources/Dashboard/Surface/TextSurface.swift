/// An in-memory surface: what the dashboard would show, as text, for tests and snapshots.
@MainActor
public final class TextSurface: Surface {
    /// One cell: its character (empty for the right half of a wide character) and role.
    public struct Cell: Sendable, Hashable {
        /// The character drawn, or "" after a wide character.
        public var text: String
        /// The style it was drawn in.
        public var style: Style
    }

    /// Columns.
    public let width: Int
    /// Rows.
    public let height: Int
    /// Whether only ASCII may be drawn.
    public let asciiOnly: Bool
    /// The cells, row by row.
    public private(set) var cells: [[Cell]]

    /// A blank surface.
    public init(size: Size, asciiOnly: Bool = false) {
        width = size.width
        height = size.height
        self.asciiOnly = asciiOnly
        cells = Array(repeating: Array(repeating: Cell(text: " ", style: .text), count: size.width), count: size.height)
    }

    /// Writes cleaned text into the cells, a wide character taking two.
    public func draw(cleaned text: Substring, row: Int, column: Int, style: Style) {
        var x = column
        for character in text {
            let cells = CellWidth.of(character)
            guard cells > 0 else { continue }
            guard x + cells <= width else { break }
            self.cells[row][x] = Cell(text: String(character), style: style)
            if cells == 2 { self.cells[row][x + 1] = Cell(text: "", style: style) }
            x += cells
        }
    }

    /// The rows as text, trailing spaces removed.
    public var lines: [String] {
        cells.map { row in
            var line = row.map(\.text).joined()
            while line.last == " " { line.removeLast() }
            return line
        }
    }

    /// The whole screen as text, one row per line.
    public var text: String { lines.joined(separator: "\n") }

    /// The role of the cell at (row, column).
    public func role(row: Int, column: Int) -> Role { cells[row][column].style.role }
}

/// Part of another surface, clipped to a rectangle: a pane of a ``TextSurface``, or the
/// inside of a bordered pane.
@MainActor
public final class SubSurface: Surface {
    private let parent: any Surface
    private let rect: Rect

    /// The part of `parent` inside `rect`, cut to the parent's edges.
    public init(parent: any Surface, rect: Rect) {
        self.parent = parent
        let x = max(0, min(rect.x, parent.width))
        let y = max(0, min(rect.y, parent.height))
        self.rect = Rect(x: x, y: y, width: min(rect.width, parent.width - x), height: min(rect.height, parent.height - y))
    }

    /// Columns of the part.
    public var width: Int { rect.width }
    /// Rows of the part.
    public var height: Int { rect.height }
    /// As the parent.
    public var asciiOnly: Bool { parent.asciiOnly }

    /// Draws into the parent, offset by the part's origin.
    public func draw(cleaned text: Substring, row: Int, column: Int, style: Style) {
        parent.draw(cleaned: text, row: rect.y + row, column: rect.x + column, style: style)
    }
}

extension Surface {
    /// A window onto part of this surface.
    public func region(_ rect: Rect) -> any Surface { SubSurface(parent: self, rect: rect) }
}
