import VicohomeAPI

/// Turns any string into something safe to put on a terminal, and fits it to a width.
///
/// Every string the dashboard draws passes through ``clean(_:asciiOnly:)``: escape
/// sequences, C0/C1 controls, DEL, bidi overrides and invisible format characters
/// become U+FFFD (or `?`), so a hostile device name cannot move the cursor, retitle the
/// window or reorder what follows it.
public enum ScreenText {
    /// The text with every control and format character replaced, on one line; with
    /// `asciiOnly` (a non-UTF-8 locale) every non-ASCII character becomes `?` as well.
    public static func clean(_ text: String, asciiOnly: Bool = false) -> String {
        if !asciiOnly && text.utf8.count <= maximumScalars && text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return text }
        // No line is wider than a terminal: a megabyte of combining marks is cut before
        // it costs anything.
        var limited = text
        if text.unicodeScalars.count > maximumScalars {
            limited = String(String.UnicodeScalarView(text.unicodeScalars.prefix(maximumScalars)))
        }
        let single = Sanitizer.singleLine(limited, replacement: asciiOnly ? "?" : "\u{FFFD}")
        guard asciiOnly else { return single }
        var out = ""
        for scalar in single.unicodeScalars {
            if scalar.isASCII { out.unicodeScalars.append(scalar) } else { out += asciiFallbacks[scalar] ?? "?" }
        }
        return out
    }

    /// The most code points of one string drawn.
    static let maximumScalars = 4096

    /// Punctuation the dashboard itself uses, spelled in ASCII for non-UTF-8 terminals.
    private static let asciiFallbacks: [Unicode.Scalar: String] = [
        "—": "-", "–": "-", "·": ".", "…": "~", "→": "->", "←": "<-", "↓": "v", "↑": "^", "×": "x", "•": "*", "│": "|", "─": "-",
        "≤": "<=", "≥": ">=", "±": "+/-",
    ]

    /// The longest prefix of `text` that fits in `width` cells, and the cells it takes.
    public static func clip(_ text: String, to width: Int) -> (text: Substring, width: Int) {
        guard width > 0 else { return (text.prefix(0), 0) }
        var used = 0
        var end = text.startIndex
        for index in text.indices {
            let cells = CellWidth.of(text[index])
            if used + cells > width { return (text[text.startIndex..<index], used) }
            used += cells
            end = text.index(after: index)
        }
        return (text[text.startIndex..<end], used)
    }

    /// `text` cut to `width` cells with an ellipsis when it is longer.
    public static func truncate(_ text: String, to width: Int, ellipsis: String = "…") -> String {
        guard width > 0 else { return "" }
        if CellWidth.of(text) <= width { return text }
        let room = width - CellWidth.of(ellipsis)
        guard room > 0 else { return String(clip(text, to: width).text) }
        return String(clip(text, to: room).text) + ellipsis
    }

    /// `text` padded with spaces (or cut) to exactly `width` cells.
    public static func pad(_ text: String, to width: Int, alignRight: Bool = false) -> String {
        let fitted = String(clip(text, to: width).text)
        let gap = String(repeating: " ", count: max(0, width - CellWidth.of(fitted)))
        return alignRight ? gap + fitted : fitted + gap
    }

    /// The number of cells `text` takes.
    public static func width(_ text: String) -> Int { CellWidth.of(text) }
}
