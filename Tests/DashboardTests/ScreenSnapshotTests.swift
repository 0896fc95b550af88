import Dashboard
import Foundation
import LiveSession
import Testing

/// The whole screen rendered into memory and compared with the text in Snapshots/.
/// Set VICOTOP_RECORD_SNAPSHOTS=1 to rewrite the files after an intended change, then
/// review the diff.
@MainActor
@Suite("Screen snapshots")
struct ScreenSnapshotTests {
    nonisolated static let sizes = [Size(width: 80, height: 24), Size(width: 120, height: 40), Size(width: 200, height: 60)]

    @Test("the dashboard at 80×24, 120×40 and 200×60", arguments: sizes)
    func dashboard(size: Size) throws {
        let screen = DashboardRenderer(glyphs: .unicode).render(Fixtures.model(), size: size)
        try Snapshot.assert(screen.text, named: "dashboard-\(size.width)x\(size.height)")
    }

    @Test("a sharded dashboard names its shard beside the counts", arguments: [Size(width: 80, height: 24), Size(width: 120, height: 40)])
    func sharded(size: Size) throws {
        var model = Fixtures.model()
        model.header.shard = try Shard(index: 2, count: 3)
        let screen = DashboardRenderer(glyphs: .unicode).render(model, size: size)
        #expect(screen.lines.first?.contains("shard 2/3") == true)
        try Snapshot.assert(screen.text, named: "dashboard-shard-\(size.width)x\(size.height)")
    }

    @Test("ASCII fallbacks at 80×24")
    func ascii() throws {
        let screen = DashboardRenderer(glyphs: .ascii).render(Fixtures.model(), size: Size(width: 80, height: 24), asciiOnly: true)
        #expect(screen.text.unicodeScalars.allSatisfy { $0.isASCII })
        try Snapshot.assert(screen.text, named: "dashboard-ascii-80x24")
    }

    @Test("the help overlay at 120×40")
    func help() throws {
        var model = Fixtures.model()
        _ = model.handle(.character("?"))
        let screen = DashboardRenderer(glyphs: .unicode).render(model, size: Size(width: 120, height: 40))
        for binding in KeyMap.bindings { #expect(screen.text.contains(binding.help)) }
        try Snapshot.assert(screen.text, named: "help-120x40")
    }

    @Test("the detail focused at 80×24")
    func focusedDetail() throws {
        var model = Fixtures.model()
        _ = model.handle(.enter)
        let screen = DashboardRenderer(glyphs: .unicode).render(model, size: Size(width: 80, height: 24))
        try Snapshot.assert(screen.text, named: "detail-focused-80x24")
    }

    @Test("tiny terminals get the notice", arguments: [Size(width: 40, height: 10), Size(width: 59, height: 24), Size(width: 80, height: 13)])
    func tooSmall(size: Size) throws {
        let screen = DashboardRenderer(glyphs: .unicode).render(Fixtures.model(), size: size)
        #expect(screen.text.contains("terminal too small"))
        #expect(screen.text.contains("need 60×14"))
        try Snapshot.assert(screen.text, named: "too-small-\(size.width)x\(size.height)")
    }

    @Test("every size from 1×1 to 130×45 renders inside its bounds")
    func everySize() {
        let renderer = DashboardRenderer(glyphs: .unicode)
        var model = Fixtures.model()
        var failures: [Size] = []
        for width in Array(1...20) + Array(stride(from: 21, through: 130, by: 4)) {
            for height in Array(1...16) + [20, 24, 33, 45] {
                let screen = renderer.render(model, size: Size(width: width, height: height))
                if screen.lines.count != height || !screen.lines.allSatisfy({ ScreenText.width($0) <= width }) {
                    failures.append(Size(width: width, height: height))
                }
            }
        }
        #expect(failures.isEmpty, "overflow at \(failures)")
        _ = model.handle(.character("?"))
        for width in stride(from: 1, through: 130, by: 3) {
            let screen = renderer.render(model, size: Size(width: width, height: 20))
            #expect(screen.lines.allSatisfy { ScreenText.width($0) <= width })
        }
    }
}
