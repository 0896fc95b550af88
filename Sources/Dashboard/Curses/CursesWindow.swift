import CNCurses

/// One pane's ncurses window, drawn through the wide-character API.
@MainActor
final class CursesWindow: Surface {
    let pointer: OpaquePointer
    let rect: Rect
    let asciiOnly: Bool
    private let palette: () -> CursesPalette
    private var buffer: [UInt32] = []

    init?(rect: Rect, asciiOnly: Bool, palette: @escaping () -> CursesPalette) {
        guard !rect.isEmpty, let window = newwin(Int32(rect.height), Int32(rect.width), Int32(rect.y), Int32(rect.x)) else { return nil }
        pointer = OpaquePointer(window)
        self.rect = rect
        self.asciiOnly = asciiOnly
        self.palette = palette
    }

    var width: Int { rect.width }
    var height: Int { rect.height }

    private var window: UnsafeMutablePointer<WINDOW> { UnsafeMutablePointer(pointer) }

    /// Clears the window to the theme's background for a new frame.
    func erase() {
        wbkgdset(window, chtype(palette().attribute(.text)))
        werase(window)
    }

    func draw(cleaned text: Substring, row: Int, column: Int, style: Style) {
        wattrset(window, Int32(bitPattern: UInt32(truncatingIfNeeded: palette().attribute(style))))
        buffer.removeAll(keepingCapacity: true)
        for scalar in text.unicodeScalars { buffer.append(scalar.value) }
        // Writing the bottom-right cell makes ncurses scroll or return ERR; both are harmless
        // here because windows never scroll, so the result is ignored.
        _ = buffer.withUnsafeBufferPointer { vt_put_utf32(window, Int32(row), Int32(column), $0.baseAddress, Int32($0.count)) }
    }

    /// Queues the window for the next `doupdate`.
    func stage() { wnoutrefresh(window) }

    /// Marks every cell changed, after a palette change.
    func touch() { touchwin(window) }

    func close() { delwin(window) }
}
