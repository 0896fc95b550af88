/// A size in terminal cells.
public struct Size: Sendable, Hashable, CustomStringConvertible {
    /// Columns.
    public var width: Int
    /// Rows.
    public var height: Int

    /// Creates a size; negative values count as zero.
    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
    }

    /// `W×H`.
    public var description: String { "\(width)×\(height)" }
}

/// A rectangle of cells, origin at the top left.
public struct Rect: Sendable, Hashable {
    /// Left column.
    public var x: Int
    /// Top row.
    public var y: Int
    /// Columns.
    public var width: Int
    /// Rows.
    public var height: Int

    /// Creates a rectangle; negative sizes count as zero.
    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = max(0, width)
        self.height = max(0, height)
    }

    /// Whether it covers no cell.
    public var isEmpty: Bool { width == 0 || height == 0 }

    /// The rectangle without a one-cell border.
    public var inset: Rect { Rect(x: x + 1, y: y + 1, width: width - 2, height: height - 2) }
}
