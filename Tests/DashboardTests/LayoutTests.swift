import Dashboard
import Foundation
import Testing

@Suite("Layout")
struct LayoutTests {
    @Test("panes tile the screen without overlapping at every usable size")
    func tiling() {
        for width in Array(Layout.minimum.width...130) + [160, 200, 220] {
            for height in Array(stride(from: Layout.minimum.height, through: 70, by: 5)) + [15, 24, 40, 60] {
                for focus in [Focus.list, .detail] {
                    let layout = Layout.compute(size: Size(width: width, height: height), deviceRows: (width * height) % 230, focus: focus, help: false)
                    var covered = Array(repeating: Array(repeating: false, count: width), count: height)
                    for (pane, rect) in layout.panes.map({ ($0.pane, $0.rect) }) {
                        #expect(rect.x >= 0 && rect.y >= 0 && rect.x + rect.width <= width && rect.y + rect.height <= height, "\(pane) out of bounds")
                        #expect(rect.height >= (pane == .header || pane == .keyBar ? 1 : 3), "\(pane) too short at \(width)×\(height)")
                        var overlap = false
                        for row in rect.y..<(rect.y + rect.height) {
                            for column in rect.x..<(rect.x + rect.width) {
                                overlap = overlap || covered[row][column]
                                covered[row][column] = true
                            }
                        }
                        #expect(!overlap, "\(pane) overlaps another pane at \(width)×\(height)")
                    }
                    #expect(covered.allSatisfy { $0.allSatisfy { $0 } }, "gaps at \(width)×\(height)")
                }
            }
        }
    }

    @Test("below the minimum only the notice is laid out, down to 0×0")
    func tooSmall() {
        for size in [Size(width: 0, height: 0), Size(width: 1, height: 1), Size(width: 59, height: 40), Size(width: 200, height: 13)] {
            let layout = Layout.compute(size: size, deviceRows: 8, focus: .list, help: true)
            #expect(layout.panes.map(\.pane) == [.tooSmall])
        }
    }

    @Test("wide terminals put detail and events side by side")
    func wide() {
        let layout = Layout.compute(size: Size(width: 160, height: 40), deviceRows: 8, focus: .list, help: false)
        #expect(layout.rect(.detail)?.y == layout.rect(.log)?.y)
        let narrow = Layout.compute(size: Size(width: 100, height: 40), deviceRows: 8, focus: .list, help: false)
        #expect(narrow.rect(.detail)!.y < narrow.rect(.log)!.y)
    }
}
