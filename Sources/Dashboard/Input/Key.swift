/// A key press, as the dashboard understands it.
public enum Key: Sendable, Hashable, CustomStringConvertible {
    /// A printable character.
    case character(Character)
    /// Arrow keys.
    case up, down, left, right
    /// Paging and jumping.
    case pageUp, pageDown, home, end
    /// Editing and confirming.
    case enter, escape, backspace, delete, tab

    /// How the help names the key.
    public var description: String {
        switch self {
        case .character(" "): "Space"
        case .character(let character): String(character)
        case .up: "↑"
        case .down: "↓"
        case .left: "←"
        case .right: "→"
        case .pageUp: "PgUp"
        case .pageDown: "PgDn"
        case .home: "Home"
        case .end: "End"
        case .enter: "Enter"
        case .escape: "Esc"
        case .backspace: "Backspace"
        case .delete: "Del"
        case .tab: "Tab"
        }
    }

    /// The key a raw code point stands for: controls for Enter, Esc, Tab and Backspace,
    /// printable characters as themselves; nil for other controls.
    public init?(codePoint: UInt32) {
        switch codePoint {
        case 0x0A, 0x0D: self = .enter
        case 0x1B: self = .escape
        case 0x09: self = .tab
        case 0x08, 0x7F: self = .backspace
        case 0x00..<0x20, 0x80..<0xA0: return nil
        default:
            guard let scalar = Unicode.Scalar(codePoint) else { return nil }
            self = .character(Character(scalar))
        }
    }
}
