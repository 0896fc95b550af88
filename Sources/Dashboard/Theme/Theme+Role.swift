import VicotopConfig

extension Theme {
    /// Foreground and background of a role.
    public func colors(for role: Role) -> (foreground: ThemeColor, background: ThemeColor) {
        switch role {
        case .text: (text, background)
        case .muted: (muted, background)
        case .accent: (accent, background)
        case .ok: (ok, background)
        case .warn: (warn, background)
        case .error: (error, background)
        case .selection: (selectionForeground, selectionBackground)
        case .border: (border, background)
        case .header: (headerForeground, headerBackground)
        case .demo: (demo, background)
        }
    }
}
