import Foundation

/// How a thumbnail reaches a terminal.
public enum ThumbnailStyle: String, Sendable, CaseIterable {
    /// Half-blocks in 24-bit colour.
    case trueColor
    /// Half-blocks in the 256-colour palette.
    case palette256
    /// A grey ramp of characters, for 8-colour or colourless terminals.
    case greyRamp
    /// DEC sixel graphics.
    case sixel
    /// The kitty graphics protocol.
    case kitty

    /// The style for a terminal: 24-bit when `COLORTERM` says so, else 256 colours.
    public static func automatic(environment: [String: String]) -> ThumbnailStyle {
        let colorterm = environment["COLORTERM"]?.lowercased() ?? ""
        return colorterm.contains("truecolor") || colorterm.contains("24bit") ? .trueColor : .palette256
    }
}

/// Writes thumbnails as terminal text.
public enum ThumbnailRenderer {
    static let escape = "\u{1b}["

    /// One string per cell row for the half-block and ramp styles (each row resets its colours).
    public static func lines(_ thumbnail: Thumbnail, style: ThumbnailStyle) -> [String] {
        (0..<thumbnail.rows).map { row in
            var line = ""
            for column in 0..<thumbnail.columns {
                let cell = thumbnail.cell(column: column, row: row)
                switch style {
                case .trueColor, .sixel, .kitty:
                    line += "\(escape)38;2;\(cell.top.r);\(cell.top.g);\(cell.top.b);48;2;\(cell.bottom.r);\(cell.bottom.g);\(cell.bottom.b)m▀"
                case .palette256:
                    line += "\(escape)38;5;\(palette256(cell.top));48;5;\(palette256(cell.bottom))m▀"
                case .greyRamp:
                    line.append(greyRamp((cell.top.luma + cell.bottom.luma) / 2))
                }
            }
            return style == .greyRamp ? line : line + "\(escape)0m"
        }
    }

    /// The xterm 256-colour index nearest to `colour` (the 6×6×6 cube or the grey ramp).
    public static func palette256(_ colour: RGB) -> Int {
        func level(_ value: UInt8) -> Int { value < 48 ? 0 : value < 115 ? 1 : (Int(value) - 35) / 40 }
        let cube = 16 + 36 * level(colour.r) + 6 * level(colour.g) + level(colour.b)
        let spread = max(colour.r, colour.g, colour.b) - min(colour.r, colour.g, colour.b)
        guard spread < 16 else { return cube }
        let grey = (Int(colour.r) + Int(colour.g) + Int(colour.b)) / 3
        return grey < 8 ? 16 : grey > 238 ? 231 : 232 + (grey - 8) / 10
    }

    /// A character whose ink matches the brightness 0…255.
    public static func greyRamp(_ luma: Int) -> Character {
        let ramp: [Character] = [" ", "░", "▒", "▓", "█"]
        return ramp[min(ramp.count - 1, max(0, luma) * ramp.count / 256)]
    }

    /// The frame as a DEC sixel image, in the 6×6×6 colour cube.
    public static func sixel(_ frame: DecodedFrame) -> String {
        guard frame.width > 0, frame.height > 0 else { return "" }
        func index(_ colour: RGB) -> Int { Int(colour.r) * 6 / 256 * 36 + Int(colour.g) * 6 / 256 * 6 + Int(colour.b) * 6 / 256 }
        var indices = [Int](repeating: 0, count: frame.width * frame.height)
        var used = Set<Int>()
        for y in 0..<frame.height {
            for x in 0..<frame.width {
                let value = index(frame.pixel(x: x, y: y))
                indices[y * frame.width + x] = value
                used.insert(value)
            }
        }
        var out = "\u{1b}Pq\"1;1;\(frame.width);\(frame.height)"
        for value in used.sorted() {
            out += "#\(value);2;\(value / 36 * 20);\(value / 6 % 6 * 20);\(value % 6 * 20)"
        }
        for band in stride(from: 0, to: frame.height, by: 6) {
            var colours = Set<Int>()
            for y in band..<min(band + 6, frame.height) {
                for x in 0..<frame.width { colours.insert(indices[y * frame.width + x]) }
            }
            for (number, value) in colours.sorted().enumerated() {
                if number > 0 { out += "$" }
                out += "#\(value)"
                var run: (Character, Int)?
                for x in 0..<frame.width {
                    var bits = 0
                    for dy in 0..<6 where band + dy < frame.height && indices[(band + dy) * frame.width + x] == value {
                        bits |= 1 << dy
                    }
                    let character = Character(UnicodeScalar(UInt8(63 + bits)))
                    if let current = run, current.0 == character {
                        run = (character, current.1 + 1)
                    } else {
                        if let current = run { out += sixelRun(current) }
                        run = (character, 1)
                    }
                }
                if let current = run { out += sixelRun(current) }
            }
            out += "-"
        }
        return out + "\u{1b}\\"
    }

    private static func sixelRun(_ run: (Character, Int)) -> String {
        run.1 > 3 ? "!\(run.1)\(run.0)" : String(repeating: run.0, count: run.1)
    }

    /// The frame in the kitty graphics protocol (24-bit RGB, chunks of 4096 bytes).
    public static func kitty(_ frame: DecodedFrame) -> String {
        let payload = Data(frame.rgb).base64EncodedString()
        var out = ""
        var start = payload.startIndex
        var first = true
        while start < payload.endIndex {
            let end = payload.index(start, offsetBy: 4096, limitedBy: payload.endIndex) ?? payload.endIndex
            let more = end < payload.endIndex ? 1 : 0
            let control = first ? "a=T,f=24,s=\(frame.width),v=\(frame.height),m=\(more)" : "m=\(more)"
            out += "\u{1b}_G\(control);\(payload[start..<end])\u{1b}\\"
            start = end
            first = false
        }
        return out
    }
}
