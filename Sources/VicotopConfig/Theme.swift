/// A colour theme: colours named by meaning, read from a TOML file in `themes/`.
public struct Theme: Sendable, Hashable {
    /// The theme's name (its file name without `.toml`).
    public var name: String
    /// Ordinary text.
    public var text: ThemeColor = .terminalDefault
    /// The screen's background.
    public var background: ThemeColor = .terminalDefault
    /// Secondary text.
    public var muted: ThemeColor = .ansi(8)
    /// Emphasis.
    public var accent: ThemeColor = .ansi(6)
    /// Healthy.
    public var ok: ThemeColor = .ansi(2)
    /// Needs attention.
    public var warn: ThemeColor = .ansi(3)
    /// Broken.
    public var error: ThemeColor = .ansi(1)
    /// The selected row's text.
    public var selectionForeground: ThemeColor = .ansi(0)
    /// The selected row's background; `default` draws the selection in reverse video.
    public var selectionBackground: ThemeColor = .ansi(6)
    /// Pane borders.
    public var border: ThemeColor = .ansi(8)
    /// Header and key bar text.
    public var headerForeground: ThemeColor = .ansi(0)
    /// Header and key bar background; `default` draws them in reverse video.
    public var headerBackground: ThemeColor = .ansi(4)
    /// The DEMO marker.
    public var demo: ThemeColor = .ansi(5)

    /// A theme with the built-in colours of `default`.
    public init(name: String) { self.name = name }

    /// The theme used when no theme file can be found at all.
    public static let builtIn = Theme(name: "default")

    /// The TOML keys of `[colors]`, with the property each one sets.
    // Key paths are immutable values; the array is never mutated.
    nonisolated(unsafe) public static let colorKeys: [(key: String, path: WritableKeyPath<Theme, ThemeColor>)] = [
        ("text", \.text), ("background", \.background), ("muted", \.muted), ("accent", \.accent),
        ("ok", \.ok), ("warn", \.warn), ("error", \.error),
        ("selection_fg", \.selectionForeground), ("selection_bg", \.selectionBackground),
        ("border", \.border), ("header_fg", \.headerForeground), ("header_bg", \.headerBackground),
        ("demo", \.demo),
    ]
}
