import VicotopConfig

/// How many colours the terminal can show, and how a theme colour becomes one of them.
public enum ColorDepth: String, Sendable, Hashable, CaseIterable {
    /// No colour: attributes only (`NO_COLOR`, or a terminal without colour).
    case noColor
    /// The eight ANSI colours.
    case ansi8
    /// The xterm 256-colour palette.
    case palette256
    /// 24-bit colour through a `-direct` terminfo entry.
    case trueColor

    /// Picks the depth from the environment and what terminfo says about the terminal.
    ///
    /// `NO_COLOR` (any non-empty value) wins; then true colour when the terminfo entry is a
    /// direct-colour one (`directColor`), else 256, else 8, else none. `COLORTERM` alone
    /// cannot give true colour: ncurses needs a `-direct` entry to write RGB, so the
    /// screen layer first tries to switch to one when `COLORTERM` asks for it.
    public static func detect(environment: [String: String], hasColors: Bool, colors: Int, directColor: Bool) -> ColorDepth {
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return .noColor }
        guard hasColors else { return .noColor }
        if directColor { return .trueColor }
        if colors >= 256 { return .palette256 }
        if colors >= 8 { return .ansi8 }
        return .noColor
    }

    /// Whether `COLORTERM` announces 24-bit colour.
    public static func wantsTrueColor(_ environment: [String: String]) -> Bool {
        guard let value = environment["COLORTERM"]?.lowercased() else { return false }
        return value == "truecolor" || value == "24bit"
    }

    /// The direct-colour terminfo entry to try for `term` (`xterm-256color` → `xterm-direct`).
    public static func directTerminfoName(for term: String) -> String? {
        guard !term.isEmpty, !term.hasSuffix("-direct") else { return nil }
        let base = term.split(separator: "-").first.map(String.init) ?? term
        return "\(base)-direct"
    }

    /// The colour number for `color` at this depth; -1 is the terminal's own colour.
    public func number(for color: ThemeColor) -> Int {
        switch (self, color) {
        case (_, .terminalDefault), (.noColor, _): return -1
        case (.trueColor, .ansi(let index)) where index < 8: return index
        case (.trueColor, _): let (r, g, b) = Self.rgb(color); return r << 16 | g << 8 | b
        case (.palette256, .ansi(let index)), (.palette256, .indexed(let index)): return index
        case (.palette256, .rgb(let r, let g, let b)): return Self.nearest256(r, g, b)
        case (.ansi8, .ansi(let index)): return index % 8
        case (.ansi8, _): let (r, g, b) = Self.rgb(color); return Self.nearest8(r, g, b)
        }
    }

    /// Whether `color` is a bright ANSI colour that 8-colour terminals show with bold.
    public func needsBold(_ color: ThemeColor) -> Bool {
        if case .ansi(let index) = color, index >= 8, self == .ansi8 { return true }
        return false
    }

    // MARK: Palette arithmetic

    /// The xterm palette's RGB for an ANSI or indexed colour.
    static func rgb(_ color: ThemeColor) -> (Int, Int, Int) {
        switch color {
        case .terminalDefault: return (0, 0, 0)
        case .rgb(let r, let g, let b): return (r, g, b)
        case .ansi(let index): return ansiRGB[index]
        case .indexed(let index):
            if index < 16 { return ansiRGB[index] }
            if index >= 232 { let level = 8 + (index - 232) * 10; return (level, level, level) }
            let cube = index - 16
            let steps = [0, 95, 135, 175, 215, 255]
            return (steps[cube / 36], steps[cube / 6 % 6], steps[cube % 6])
        }
    }

    static let ansiRGB: [(Int, Int, Int)] = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
        (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
    ]

    static func nearest256(_ r: Int, _ g: Int, _ b: Int) -> Int {
        var best = 16
        var bestDistance = Int.max
        for index in 16...255 {
            let (pr, pg, pb) = rgb(.indexed(index))
            let distance = (pr - r) * (pr - r) + (pg - g) * (pg - g) + (pb - b) * (pb - b)
            if distance < bestDistance { best = index; bestDistance = distance }
        }
        return best
    }

    static func nearest8(_ r: Int, _ g: Int, _ b: Int) -> Int {
        var best = 0
        var bestDistance = Int.max
        for index in 0..<8 {
            let (pr, pg, pb) = ansiRGB[index]
            let distance = (pr - r) * (pr - r) + (pg - g) * (pg - g) + (pb - b) * (pb - b)
            if distance < bestDistance { best = index; bestDistance = distance }
        }
        return best
    }
}
