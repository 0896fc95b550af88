/// The picture a simulated camera sends: its name in large letters on a colour of its own,
/// with a bar that sweeps across so a preview visibly moves. I420 frames, drawn in Swift.
public struct TestPicture: Sendable {
    /// Frame size in pixels (even numbers, as I420 needs).
    public let width: Int, height: Int
    /// Frames per second the camera sends.
    public static let framesPerSecond = 15

    private let background: (y: UInt8, u: UInt8, v: UInt8)
    private let textMask: [Bool]

    /// A picture naming `name`; the colour comes from `seed` (the serial), so each camera's
    /// thumbnail is recognisably its own.
    public init(name: String, seed: String, width: Int = 320, height: Int = 180) {
        self.width = width & ~1
        self.height = height & ~1
        let hash = seed.utf8.reduce(UInt32(2166136261)) { ($0 ^ UInt32($1)) &* 16777619 }
        let hue = Double(hash % 360)
        let rgb = Self.rgb(hue: hue)
        background = Self.yuv(rgb)
        textMask = Self.mask(text: name.uppercased(), width: self.width, height: self.height)
    }

    /// Frame number `index`, as I420 bytes (Y, then U, then V).
    public func frame(_ index: Int) -> [UInt8] {
        let lumaCount = width * height, chromaCount = lumaCount / 4
        var bytes = [UInt8](repeating: background.y, count: lumaCount + 2 * chromaCount)
        for i in 0..<chromaCount {
            bytes[lumaCount + i] = background.u
            bytes[lumaCount + chromaCount + i] = background.v
        }
        let barWidth = max(4, width / 16)
        let barStart = (index * 4) % (width + barWidth) - barWidth
        for y in 0..<height {
            let row = y * width
            for x in 0..<width {
                if textMask[row + x] {
                    bytes[row + x] = 235
                } else if x >= barStart, x < barStart + barWidth, y >= height * 3 / 4 {
                    bytes[row + x] = 16
                }
            }
        }
        // Text and bar carry no colour: neutral chroma where they are.
        for y in stride(from: 0, to: height, by: 2) {
            for x in stride(from: 0, to: width, by: 2) where bytes[y * width + x] == 235 || bytes[y * width + x] == 16 {
                let index = (y / 2) * (width / 2) + x / 2
                bytes[lumaCount + index] = 128
                bytes[lumaCount + chromaCount + index] = 128
            }
        }
        return bytes
    }

    private static func rgb(hue: Double) -> (Double, Double, Double) {
        let h = hue / 60, x = 1 - abs(h.truncatingRemainder(dividingBy: 2) - 1)
        let (r, g, b): (Double, Double, Double)
        switch Int(h) {
        case 0: (r, g, b) = (1, x, 0)
        case 1: (r, g, b) = (x, 1, 0)
        case 2: (r, g, b) = (0, 1, x)
        case 3: (r, g, b) = (0, x, 1)
        case 4: (r, g, b) = (x, 0, 1)
        default: (r, g, b) = (1, 0, x)
        }
        return (r * 0.55 + 0.1, g * 0.55 + 0.1, b * 0.55 + 0.1)
    }

    private static func yuv(_ rgb: (Double, Double, Double)) -> (UInt8, UInt8, UInt8) {
        let (r, g, b) = (rgb.0 * 255, rgb.1 * 255, rgb.2 * 255)
        let y = 16 + 0.257 * r + 0.504 * g + 0.098 * b
        let u = 128 - 0.148 * r - 0.291 * g + 0.439 * b
        let v = 128 + 0.439 * r - 0.368 * g - 0.071 * b
        return (UInt8(y.rounded()), UInt8(u.rounded()), UInt8(v.rounded()))
    }

    /// The text, centred, in the 5×7 font scaled to fit; words wrap onto two lines.
    private static func mask(text: String, width: Int, height: Int) -> [Bool] {
        var mask = [Bool](repeating: false, count: width * height)
        let words = text.split(separator: " ").map(String.init)
        var lines = [text]
        if words.count > 1, text.count > 10 {
            let half = words.count / 2
            lines = [words[..<half].joined(separator: " "), words[half...].joined(separator: " ")]
        }
        let longest = max(1, lines.map(\.count).max() ?? 1)
        let scale = max(1, min((width - 16) / (longest * 6), (height / 2) / (lines.count * 8)))
        let blockHeight = lines.count * 8 * scale
        for (lineNumber, line) in lines.enumerated() {
            let lineWidth = line.count * 6 * scale
            let left = (width - lineWidth) / 2
            let top = (height * 3 / 8) - blockHeight / 2 + lineNumber * 8 * scale
            for (position, character) in line.enumerated() {
                let glyph = BitmapFont.glyph(character)
                for (row, bits) in glyph.enumerated() {
                    for column in 0..<5 where bits & (1 << (4 - column)) != 0 {
                        for dy in 0..<scale {
                            for dx in 0..<scale {
                                let x = left + (position * 6 + column) * scale + dx, y = top + row * scale + dy
                                if x >= 0, x < width, y >= 0, y < height { mask[y * width + x] = true }
                            }
                        }
                    }
                }
            }
        }
        return mask
    }
}

/// A 5×7 font of capitals, digits and a little punctuation: seven rows of five bits.
enum BitmapFont {
    static func glyph(_ character: Character) -> [UInt8] {
        glyphs[character] ?? glyphs["?"]!
    }

    static let glyphs: [Character: [UInt8]] = [
        " ": [0, 0, 0, 0, 0, 0, 0], "?": [14, 17, 1, 2, 4, 0, 4], "-": [0, 0, 0, 31, 0, 0, 0],
        ".": [0, 0, 0, 0, 0, 12, 12], "'": [4, 4, 8, 0, 0, 0, 0],
        "A": [14, 17, 17, 31, 17, 17, 17], "B": [30, 17, 17, 30, 17, 17, 30], "C": [14, 17, 16, 16, 16, 17, 14],
        "D": [30, 17, 17, 17, 17, 17, 30], "E": [31, 16, 16, 30, 16, 16, 31], "F": [31, 16, 16, 30, 16, 16, 16],
        "G": [14, 17, 16, 23, 17, 17, 15], "H": [17, 17, 17, 31, 17, 17, 17], "I": [14, 4, 4, 4, 4, 4, 14],
        "J": [7, 2, 2, 2, 2, 18, 12], "K": [17, 18, 20, 24, 20, 18, 17], "L": [16, 16, 16, 16, 16, 16, 31],
        "M": [17, 27, 21, 21, 17, 17, 17], "N": [17, 17, 25, 21, 19, 17, 17], "O": [14, 17, 17, 17, 17, 17, 14],
        "P": [30, 17, 17, 30, 16, 16, 16], "Q": [14, 17, 17, 17, 21, 18, 13], "R": [30, 17, 17, 30, 20, 18, 17],
        "S": [15, 16, 16, 14, 1, 1, 30], "T": [31, 4, 4, 4, 4, 4, 4], "U": [17, 17, 17, 17, 17, 17, 14],
        "V": [17, 17, 17, 17, 17, 10, 4], "W": [17, 17, 17, 21, 21, 21, 10], "X": [17, 17, 10, 4, 10, 17, 17],
        "Y": [17, 17, 10, 4, 4, 4, 4], "Z": [31, 1, 2, 4, 8, 16, 31],
        "0": [14, 17, 19, 21, 25, 17, 14], "1": [4, 12, 4, 4, 4, 4, 14], "2": [14, 17, 1, 2, 4, 8, 31],
        "3": [31, 2, 4, 2, 1, 17, 14], "4": [2, 6, 10, 18, 31, 2, 2], "5": [31, 16, 30, 1, 1, 17, 14],
        "6": [6, 8, 16, 30, 17, 17, 14], "7": [31, 1, 2, 4, 8, 8, 8], "8": [14, 17, 17, 14, 17, 17, 14],
        "9": [14, 17, 17, 15, 1, 2, 12],
    ]
}
