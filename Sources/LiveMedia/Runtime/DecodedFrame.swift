/// One decoded video frame, scaled down for thumbnails: packed RGB, 3 bytes a pixel.
public struct DecodedFrame: Sendable, Hashable {
    /// Width of ``rgb`` in pixels.
    public var width: Int
    /// Height of ``rgb`` in pixels.
    public var height: Int
    /// Packed RGB rows, top first.
    public var rgb: [UInt8]

    /// Creates a frame; `rgb` must hold `width * height * 3` bytes. (The stream's own
    /// resolution is in ``FrameTap/Reading``.)
    public init(width: Int, height: Int, rgb: [UInt8]) {
        self.width = width
        self.height = height
        self.rgb = rgb
    }

    /// The pixel at (x, y), clamped to the frame.
    public func pixel(x: Int, y: Int) -> RGB {
        let column = min(max(0, x), width - 1), row = min(max(0, y), height - 1)
        let index = (row * width + column) * 3
        return RGB(rgb[index], rgb[index + 1], rgb[index + 2])
    }
}

/// A colour.
public struct RGB: Sendable, Hashable {
    /// Red, green and blue, 0…255.
    public var r: UInt8, g: UInt8, b: UInt8
    /// Creates a colour.
    public init(_ r: UInt8, _ g: UInt8, _ b: UInt8) {
        self.r = r
        self.g = g
        self.b = b
    }
    /// Perceived brightness, 0…255 (Rec. 601 weights).
    public var luma: Int { (299 * Int(r) + 587 * Int(g) + 114 * Int(b)) / 1000 }
}
