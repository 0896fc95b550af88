import Foundation

/// One colour of a theme, as written in its TOML file.
public enum ThemeColor: Sendable, Hashable, CustomStringConvertible {
    /// The terminal's own foreground or background.
    case terminalDefault
    /// One of the 16 ANSI colours: 0–7 normal, 8–15 bright.
    case ansi(Int)
    /// An index into the 256-colour palette.
    case indexed(Int)
    /// A 24-bit colour.
    case rgb(red: Int, green: Int, blue: Int)

    /// The ANSI names, in palette order.
    static let ansiNames = ["black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"]

    /// Parses `"default"`, an ANSI name (optionally `bright-`), `"#rrggbb"`; nil otherwise.
    public init?(name: String) {
        let text = name.trimmingCharacters(in: .whitespaces).lowercased()
        if text == "default" {
            self = .terminalDefault
        } else if let index = Self.ansiNames.firstIndex(of: text) {
            self = .ansi(index)
        } else if text.hasPrefix("bright-"), let index = Self.ansiNames.firstIndex(of: String(text.dropFirst(7))) {
            self = .ansi(index + 8)
        } else if text.hasPrefix("#"), text.count == 7, let value = Int(text.dropFirst(), radix: 16) {
            self = .rgb(red: value >> 16 & 0xFF, green: value >> 8 & 0xFF, blue: value & 0xFF)
        } else {
            return nil
        }
    }

    /// A 256-colour index; nil outside 0…255.
    public init?(index: Int) {
        guard (0...255).contains(index) else { return nil }
        self = .indexed(index)
    }

    /// The colour as a theme file writes it.
    public var description: String {
        switch self {
        case .terminalDefault: "default"
        case .ansi(let index): (index >= 8 ? "bright-" : "") + Self.ansiNames[index % 8]
        case .indexed(let index): "\(index)"
        case .rgb(let red, let green, let blue):
            "#" + [red, green, blue].map { String($0, radix: 16).leftPadded(to: 2) }.joined()
        }
    }
}

extension String {
    fileprivate func leftPadded(to count: Int) -> String {
        String(repeating: "0", count: max(0, count - self.count)) + self
    }
}
