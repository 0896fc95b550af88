/// What a piece of text means, which a theme turns into colours and attributes.
public enum Role: Int, Sendable, Hashable, CaseIterable {
    /// Ordinary text.
    case text
    /// Secondary text: labels, column headings, old events.
    case muted
    /// Emphasis: titles, the focused pane's border.
    case accent
    /// Healthy: live.
    case ok
    /// Needs attention: refreshing soon, backing off, some loss.
    case warn
    /// Broken: failed, unauthorised, expired.
    case error
    /// The selected row.
    case selection
    /// Pane borders.
    case border
    /// The header and key bar.
    case header
    /// The DEMO marker.
    case demo
}

/// The two colours of a thumbnail cell (an upper half-block): 0xRRGGBB each.
public struct PictureColors: Sendable, Hashable {
    /// The upper pixel, drawn as the foreground of `▀`.
    public var top: UInt32
    /// The lower pixel, the background.
    public var bottom: UInt32
    /// Creates a cell's colours.
    public init(top: UInt32, bottom: UInt32) {
        self.top = top
        self.bottom = bottom
    }
}

/// A role plus the attributes the drawing asks for.
public struct Style: Sendable, Hashable {
    /// The meaning.
    public var role: Role
    /// Bold text.
    public var bold: Bool
    /// Colours of a picture cell, which override the role's (thumbnails only).
    public var picture: PictureColors?

    /// Creates a style.
    public init(_ role: Role, bold: Bool = false) {
        self.role = role
        self.bold = bold
    }

    /// A thumbnail cell's style.
    public static func picture(top: UInt32, bottom: UInt32) -> Style {
        var style = Style(.text)
        style.picture = PictureColors(top: top, bottom: bottom)
        return style
    }

    /// Ordinary text.
    public static let text = Style(.text)
    /// Secondary text.
    public static let muted = Style(.muted)
}

/// A run of text in one style.
public struct Span: Sendable, Hashable {
    /// The text (sanitised when drawn).
    public var text: String
    /// Its style.
    public var style: Style

    /// Creates a span.
    public init(_ text: String, _ style: Style = .text) {
        self.text = text
        self.style = style
    }
}

/// One line of spans, drawn left to right and clipped at the edge.
public struct Line: Sendable, Hashable {
    /// The spans.
    public var spans: [Span]

    /// Creates a line.
    public init(_ spans: [Span] = []) { self.spans = spans }

    /// A line of one span.
    public init(_ text: String, _ style: Style = .text) { spans = [Span(text, style)] }

    /// The line's text without styles.
    public var plainText: String { spans.map(\.text).joined() }

    /// Appends a span.
    public mutating func append(_ text: String, _ style: Style = .text) { spans.append(Span(text, style)) }
}
