import CNCurses
import Foundation
import VicotopConfig

/// The terminal under ncurses: start and restore, size, colours, windows per pane, keys.
/// The only type above the C shim that talks to ncurses; everything runs on the main queue.
@MainActor
final class CursesScreen {
    /// Why the screen could not start.
    struct StartError: Error, CustomStringConvertible {
        var description: String
    }

    private(set) var size: Size
    let asciiOnly: Bool
    let depth: ColorDepth
    private(set) var palette: CursesPalette
    private var windows: [Pane: CursesWindow] = [:]
    private var input: UnsafeMutablePointer<WINDOW>
    private var screen: OpaquePointer?
    private var active = true

    /// Starts ncurses: locale, terminfo (a `-direct` entry when `COLORTERM` asks for true
    /// colour and one exists), cbreak without echo, keypad, no cursor, colours.
    init(theme: Theme, environment: [String: String]) throws {
        setlocale(LC_ALL, "")
        asciiOnly = vt_locale_is_utf8() == 0
        let term = environment["TERM"].flatMap { $0.isEmpty ? nil : $0 } ?? "dumb"
        var entry = term
        if ColorDepth.wantsTrueColor(environment), environment["NO_COLOR"]?.isEmpty ?? true,
           let direct = ColorDepth.directTerminfoName(for: term), vt_terminfo_exists(direct) != 0 {
            entry = direct
        }
        vt_save_terminal_modes()
        guard let screen = vt_newterm(entry) else {
            throw StartError(description: "cannot drive terminal type '\(term)': no terminfo entry")
        }
        self.screen = screen
        if environment["ESCDELAY"] == nil { set_escdelay(25) }
        cbreak()
        noecho()
        nonl()
        curs_set(0)
        var hasColors = false
        if has_colors() {
            start_color()
            use_default_colors()
            hasColors = true
        }
        let direct = vt_has_flag("RGB") != 0 || vt_colors() >= 1 << 24
        depth = ColorDepth.detect(environment: environment, hasColors: hasColors, colors: Int(vt_colors()), directColor: direct)
        palette = CursesPalette(theme: theme, depth: depth)
        size = Size(width: Int(vt_columns()), height: Int(vt_lines()))
        input = newwin(1, 1, 0, 0)
        keypad(input, true)
        nodelay(input, true)
        untouchwin(input)
        // What the crash handler writes: leave the alternate screen, show the cursor, reset attributes.
        let restore = String(cString: vt_capability("rmcup")) + String(cString: vt_capability("cnorm")) + String(cString: vt_capability("sgr0"))
        vt_install_crash_restore(restore)
    }

    /// Applies another theme. Redefining the pairs repaints the cells that use them;
    /// the windows are touched so their new background reaches the screen too.
    func apply(_ theme: Theme) {
        palette = CursesPalette(theme: theme, depth: depth)
        for window in windows.values { window.touch() }
    }

    /// Re-reads the terminal's size after SIGWINCH; true when it changed.
    func refreshSize() -> Bool {
        var rows: Int32 = 0
        var columns: Int32 = 0
        guard vt_terminal_size(STDOUT_FILENO, &rows, &columns) == 0, rows > 0, columns > 0 else { return false }
        let new = Size(width: Int(columns), height: Int(rows))
        guard new != size else { return false }
        resize_term(rows, columns)
        size = new
        clearok(vt_curscr(), true)
        return true
    }

    /// Makes one window per pane of `layout`, replacing the previous ones.
    func arrange(_ layout: Layout) {
        for window in windows.values { window.close() }
        windows.removeAll()
        let palette = { [unowned self] in self.palette }
        for placement in layout.panes {
            windows[placement.pane] = CursesWindow(rect: placement.rect, asciiOnly: asciiOnly, palette: palette)
        }
    }

    /// The window of a pane.
    func window(_ pane: Pane) -> CursesWindow? { windows[pane] }

    /// Writes every staged window to the terminal in one go.
    func update() { doupdate() }

    /// Reads the keys waiting: the ones the dashboard knows, whether anything at all was
    /// read (unknown keys included), and whether more may wait after a full batch.
    func readKeys() -> (keys: [Key], readAny: Bool, more: Bool) {
        var keys: [Key] = []
        var code: UInt32 = 0
        var readAny = false
        for _ in 0..<512 {
            let result = vt_read_key(input, &code)
            if result == ERR { return (keys, readAny, false) }
            readAny = true
            if result == KEY_CODE_YES {
                if let key = Self.functionKey(Int32(bitPattern: code)) { keys.append(key) }
            } else if let key = Key(codePoint: code) {
                keys.append(key)
            }
        }
        return (keys, readAny, true)
    }

    private static func functionKey(_ code: Int32) -> Key? {
        switch code {
        case vt_key_up(): .up
        case vt_key_down(): .down
        case vt_key_left(): .left
        case vt_key_right(): .right
        case vt_key_npage(): .pageDown
        case vt_key_ppage(): .pageUp
        case vt_key_home(): .home
        case vt_key_end(): .end
        case vt_key_enter(): .enter
        case vt_key_backspace(): .backspace
        case vt_key_dc(): .delete
        default: nil
        }
    }

    /// Leaves curses mode for a suspend (SIGTSTP): the shell gets its terminal back.
    func suspend() {
        guard active else { return }
        curs_set(1)
        endwin()
        active = false
    }

    /// Returns to curses mode after SIGCONT and repaints everything.
    func resume() {
        guard !active else { return }
        active = true
        curs_set(0)
        _ = refreshSize()
        clearok(vt_curscr(), true)
        doupdate()
    }

    /// Restores the terminal for good: cursor, modes, main screen.
    func end() {
        for window in windows.values { window.close() }
        windows.removeAll()
        if active {
            curs_set(1)
            endwin()
            active = false
        }
        if let screen {
            delscreen(screen)
            self.screen = nil
        }
        vt_remove_crash_restore()
    }

    /// Writes bytes straight to the terminal, past ncurses (OSC 52).
    func writeThrough(_ bytes: String) {
        fflush(nil)
        var data = Array(bytes.utf8)
        _ = data.withUnsafeMutableBytes { write(STDOUT_FILENO, $0.baseAddress, $0.count) }
    }
}
