/// A frame scaled down to terminal cells: each cell holds two pixels, one above the other,
/// drawn as an upper half-block with a foreground and a background colour.
public struct Thumbnail: Sendable, Hashable {
    /// A cell's two colours.
    public struct Cell: Sendable, Hashable {
        /// The upper pixel (the half-block's foreground).
        public var top: RGB
        /// The lower pixel (the background).
        public var bottom: RGB
    }

    /// Size in cells.
    public var columns: Int, rows: Int
    /// Cells row by row.
    public var cells: [Cell]

    /// Scales `frame` to exactly `columns` × `rows` cells, averaging the pixels each covers.
    public init(frame: DecodedFrame, columns: Int, rows: Int) {
        self.columns = max(1, columns)
        self.rows = max(1, rows)
        let pixelRows = self.rows * 2
        var cells: [Cell] = []
        cells.reserveCapacity(self.columns * self.rows)
        for row in 0..<self.rows {
            for column in 0..<self.columns {
                let top = Self.average(frame, column: column, of: self.columns, pixelRow: row * 2, of: pixelRows)
                let bottom = Self.average(frame, column: column, of: self.columns, pixelRow: row * 2 + 1, of: pixelRows)
                cells.append(Cell(top: top, bottom: bottom))
            }
        }
        self.cells = cells
    }

    /// The largest thumbnail of `frame` within `maxColumns` × `maxRows` that keeps its shape
    /// (a cell is two pixels high, so it is square).
    public static func fitting(_ frame: DecodedFrame, maxColumns: Int, maxRows: Int) -> Thumbnail {
        guard frame.width > 0, frame.height > 0 else { return Thumbnail(frame: frame, columns: 1, rows: 1) }
        var columns = max(1, maxColumns)
        var rows = max(1, Int((Double(columns) * Double(frame.height) / Double(frame.width) / 2).rounded()))
        if rows > maxRows {
            rows = max(1, maxRows)
            columns = max(1, Int((Double(rows) * 2 * Double(frame.width) / Double(frame.height)).rounded()))
        }
        return Thumbnail(frame: frame, columns: min(columns, max(1, maxColumns)), rows: rows)
    }

    /// The cell at (column, row).
    public func cell(column: Int, row: Int) -> Cell { cells[row * columns + column] }

    private static func average(_ frame: DecodedFrame, column: Int, of columns: Int, pixelRow: Int, of pixelRows: Int) -> RGB {
        guard frame.width > 0, frame.height > 0, frame.rgb.count >= frame.width * frame.height * 3 else { return RGB(0, 0, 0) }
        let x0 = column * frame.width / columns, x1 = max(x0 + 1, (column + 1) * frame.width / columns)
        let y0 = pixelRow * frame.height / pixelRows, y1 = max(y0 + 1, (pixelRow + 1) * frame.height / pixelRows)
        var r = 0, g = 0, b = 0, count = 0
        for y in y0..<min(y1, frame.height) {
            var index = (y * frame.width + x0) * 3
            for _ in x0..<min(x1, frame.width) {
                r += Int(frame.rgb[index]); g += Int(frame.rgb[index + 1]); b += Int(frame.rgb[index + 2])
                count += 1
                index += 3
            }
        }
        guard count > 0 else { return RGB(0, 0, 0) }
        return RGB(UInt8(r / count), UInt8(g / count), UInt8(b / count))
    }
}
