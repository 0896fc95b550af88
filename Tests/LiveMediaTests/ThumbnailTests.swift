import Testing
@testable import LiveMedia

@Suite("Thumbnails: half-block cells, palettes, sixel and kitty")
struct ThumbnailTests {
    /// 4×4 pixels: top half red, bottom half blue.
    let frame: DecodedFrame = {
        var rgb: [UInt8] = []
        for y in 0..<4 { for _ in 0..<4 { rgb += y < 2 ? [255, 0, 0] : [0, 0, 255] } }
        return DecodedFrame(width: 4, height: 4, rgb: rgb)
    }()

    @Test("each cell averages the pixels above and below its middle")
    func cells() {
        let thumbnail = Thumbnail(frame: frame, columns: 2, rows: 1)
        #expect(thumbnail.cells.count == 2)
        #expect(thumbnail.cell(column: 0, row: 0).top == RGB(255, 0, 0))
        #expect(thumbnail.cell(column: 1, row: 0).bottom == RGB(0, 0, 255))
        let fine = Thumbnail(frame: frame, columns: 4, rows: 2)
        #expect(fine.cell(column: 3, row: 0) == .init(top: RGB(255, 0, 0), bottom: RGB(255, 0, 0)))
        #expect(fine.cell(column: 3, row: 1) == .init(top: RGB(0, 0, 255), bottom: RGB(0, 0, 255)))
    }

    @Test("fitting keeps the picture's shape within the box")
    func fitting() {
        let wide = DecodedFrame(width: 320, height: 180, rgb: [UInt8](repeating: 9, count: 320 * 180 * 3))
        let thumbnail = Thumbnail.fitting(wide, maxColumns: 48, maxRows: 14)
        #expect(thumbnail.columns == 48 && thumbnail.rows == 14, "48 × 27 pixel rows: 13.5 cells round to 14")
        let small = Thumbnail.fitting(wide, maxColumns: 48, maxRows: 5)
        #expect(small.rows == 5 && small.columns == 18)
        let empty = Thumbnail.fitting(DecodedFrame(width: 0, height: 0, rgb: []), maxColumns: 10, maxRows: 10)
        #expect(empty.columns == 1 && empty.rows == 1)
    }

    @Test("half-blocks in 24-bit and 256 colours; a grey ramp without colour")
    func lines() {
        let thumbnail = Thumbnail(frame: frame, columns: 1, rows: 1)
        #expect(ThumbnailRenderer.lines(thumbnail, style: .trueColor) == ["\u{1b}[38;2;255;0;0;48;2;0;0;255m▀\u{1b}[0m"])
        #expect(ThumbnailRenderer.lines(thumbnail, style: .palette256) == ["\u{1b}[38;5;196;48;5;21m▀\u{1b}[0m"])
        let grey = ThumbnailRenderer.lines(thumbnail, style: .greyRamp)
        #expect(grey.count == 1 && !grey[0].contains("\u{1b}"))
        #expect(ThumbnailRenderer.palette256(RGB(0, 0, 0)) == 16)
        #expect(ThumbnailRenderer.palette256(RGB(255, 255, 255)) == 231)
        #expect(ThumbnailRenderer.palette256(RGB(128, 128, 128)) == 244)
        #expect(ThumbnailRenderer.greyRamp(0) == " " && ThumbnailRenderer.greyRamp(255) == "█")
    }

    @Test("sixel and kitty images are framed and hold the picture")
    func graphics() {
        let sixel = ThumbnailRenderer.sixel(frame)
        #expect(sixel.hasPrefix("\u{1b}Pq\"1;1;4;4") && sixel.hasSuffix("\u{1b}\\"))
        #expect(sixel.contains("#180;2;100;0;0") && sixel.contains("#5;2;0;0;100"), "red and blue registers")
        let kitty = ThumbnailRenderer.kitty(frame)
        #expect(kitty.hasPrefix("\u{1b}_Ga=T,f=24,s=4,v=4,m=0;") && kitty.hasSuffix("\u{1b}\\"))
        let large = DecodedFrame(width: 64, height: 64, rgb: [UInt8](repeating: 1, count: 64 * 64 * 3))
        let chunks = ThumbnailRenderer.kitty(large).components(separatedBy: "\u{1b}_G").filter { !$0.isEmpty }
        #expect(chunks.count == 4 && chunks.last!.hasPrefix("m=0;") && chunks.first!.contains("m=1;"))
    }
}
