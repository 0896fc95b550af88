import LiveSession

/// The characters used for borders, bars, sparklines and state marks, in Unicode or in
/// plain ASCII (a non-UTF-8 locale, or `--ascii`).
public struct Glyphs: Sendable, Hashable {
    /// Horizontal and vertical border lines and the four corners.
    public var horizontal, vertical, topLeft, topRight, bottomLeft, bottomRight: String
    /// Bar cells from empty to full; the last is a full cell.
    public var barLevels: [String]
    /// The empty part of a bar.
    public var barEmpty: String
    /// Sparkline levels, lowest first.
    public var sparkLevels: [String]
    /// A lost ping in a sparkline.
    public var sparkLost: String
    /// The ellipsis used when text is cut.
    public var ellipsis: String
    /// Marks a masked secret.
    public var masked: String
    /// A separator between header fields.
    public var separator: String
    /// Whether these are the ASCII glyphs.
    public var isASCII: Bool

    /// Box drawing, eighth blocks and geometric shapes.
    public static let unicode = Glyphs(
        horizontal: "─", vertical: "│", topLeft: "┌", topRight: "┐", bottomLeft: "└", bottomRight: "┘",
        barLevels: ["▏", "▎", "▍", "▌", "▋", "▊", "▉", "█"], barEmpty: "·",
        sparkLevels: ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"], sparkLost: "×",
        ellipsis: "…", masked: "••••••••", separator: " │ ", isASCII: false)

    /// Seven-bit fallbacks.
    public static let ascii = Glyphs(
        horizontal: "-", vertical: "|", topLeft: "+", topRight: "+", bottomLeft: "+", bottomRight: "+",
        barLevels: ["#"], barEmpty: ".",
        sparkLevels: ["_", ".", "-", "=", "+", "*", "#", "@"], sparkLost: "x",
        ellipsis: "~", masked: "********", separator: " | ", isASCII: true)

    /// The mark of a state, so it reads without colour.
    public func mark(_ state: SessionState) -> String {
        switch state {
        case .live: isASCII ? "+" : "●"
        case .refreshing: isASCII ? "~" : "◐"
        case .idle: isASCII ? "-" : "○"
        case .requestingTicket, .connecting: isASCII ? "." : "◌"
        case .backingOff: isASCII ? "!" : "▲"
        case .unauthorized, .failed: isASCII ? "x" : "✖"
        case .stopped: isASCII ? "=" : "■"
        }
    }

    /// A bar `width` cells wide, filled to `fraction` (0…1).
    public func bar(_ fraction: Double, width: Int) -> (filled: String, empty: String) {
        guard width > 0 else { return ("", "") }
        let clamped = min(1, max(0, fraction.isFinite ? fraction : 0))
        let steps = barLevels.count
        let eighths = Int((clamped * Double(width * steps)).rounded(.down))
        let full = eighths / steps
        let partial = eighths % steps
        var filled = String(repeating: barLevels[steps - 1], count: full)
        if partial > 0 && full < width { filled += barLevels[partial - 1] }
        let used = full + (partial > 0 && full < width ? 1 : 0)
        return (filled, String(repeating: barEmpty, count: width - used))
    }

    /// A sparkline of round trips scaled between their minimum and maximum.
    public func sparkline(_ samples: [Double?]) -> String {
        let values = samples.compactMap { $0 }
        guard let low = values.min(), let high = values.max() else {
            return String(repeating: sparkLost, count: samples.count)
        }
        let span = high - low
        return samples.map { sample -> String in
            guard let sample else { return sparkLost }
            guard span > 0 else { return sparkLevels[0] }
            let level = Int(((sample - low) / span * Double(sparkLevels.count - 1)).rounded())
            return sparkLevels[min(sparkLevels.count - 1, max(0, level))]
        }.joined()
    }
}
