import Dashboard
import Foundation
@testable import LiveSession
import Testing

/// Live views in the dashboard: the keys, the MEDIA column and the detail pane for every
/// media state, with text snapshots at 80×24 and 120×40.
@MainActor
@Suite("Live views in the dashboard")
struct MediaViewTests {
    /// A thumbnail: red top half, blue bottom half, a white stripe.
    static let thumbnail: MediaThumbnail = {
        let columns = 32, rows = 9
        var tops: [UInt32] = [], bottoms: [UInt32] = []
        for row in 0..<rows {
            for column in 0..<columns {
                let colour: UInt32 = column == 10 ? 0xffffff : (row < 4 ? 0xcc2200 : 0x1133aa)
                tops.append(colour)
                bottoms.append(colour)
            }
        }
        return MediaThumbnail(columns: columns, rows: rows, tops: tops, bottoms: bottoms)
    }()

    static func checked(_ state: MediaStatus.State, thumbnail: Bool = false) -> MediaStatus {
        var media = MediaStatus()
        media.state = state
        media.startedAt = Fixtures.now.addingTimeInterval(-20)
        media.checkedAt = Fixtures.now.addingTimeInterval(-12)
        media.waterfall = [("offer sent", 12.0), ("answer", 180), ("ICE connected", 260), ("DTLS connected", 270),
                           ("data channel open", 272), ("startLive acknowledged", 280), ("first RTP packet", 560),
                           ("first keyframe", 570), ("first decoded frame", 612)].map { MediaPhaseTime(name: $0.0, ms: $0.1) }
        media.selectedPair = "host udp 127.0.0.1:50037 ⇄ host udp 127.0.0.1:45655"
        media.candidatePairs = ["host udp 127.0.0.1:50037 ⇄ host 127.0.0.1:45655: selected"]
        media.dtlsState = "connected"
        media.dataChannelState = "open"
        var figures = MediaFigures()
        figures.fps = 15
        figures.bitrateBps = 180_000
        figures.width = 320
        figures.height = 180
        figures.codec = "H264"
        figures.profile = "42e01f"
        figures.framesDecoded = 90
        figures.packetsReceived = 300
        figures.packetsLost = 3
        figures.jitterMs = 1.2
        figures.pliCount = 1
        media.record(figures)
        media.record(figures)
        if thumbnail { media.thumbnail = Self.thumbnail }
        return media
    }

    static func model(selected: String) -> DashboardModel {
        var model = Fixtures.model(selected: selected)
        var fleet = Fixtures.fleet
        fleet[0].media = checked(.done(.ok(path: "p2p", firstFrameMs: 1234)), thumbnail: true)
        fleet[1].media = checked(.checking(phase: "ICE checking"))
        fleet[2].media = checked(.done(.failed(phase: "ICE", reason: "ICE failed: 0 of 6 pairs answered")))
        fleet[4].media = checked(.done(.unavailable(reason: "install gstreamer1.0-nice")))
        fleet[6].media = checked(.queued)
        model.update(fleet)
        model.selected = selected
        return model
    }

    @Test("the MEDIA column and the detail pane at 80×24 and 120×40, for each media state",
          arguments: [(80, 24), (120, 40)], ["VDCA1P2410000131", "VDCB2G2408001742", "VDCA1P2311004420", "VDBF3R2402002218"])
    func snapshots(size: (Int, Int), serial: String) throws {
        var model = Self.model(selected: serial)
        let renderer = DashboardRenderer(glyphs: .unicode)
        try Snapshot.assert(renderer.render(model, size: Size(width: size.0, height: size.1)).text,
                            named: "media-\(serial.suffix(4))-list-\(size.0)x\(size.1)")
        _ = model.handle(.enter)
        try Snapshot.assert(renderer.render(model, size: Size(width: size.0, height: size.1)).text,
                            named: "media-\(serial.suffix(4))-detail-\(size.0)x\(size.1)")
    }

    @Test("the list shows ● 1.2 s p2p, … ICE, ✖ ICE, queued and — where it has room")
    func column() {
        let screen = DashboardRenderer(glyphs: .unicode).render(Self.model(selected: "VDCA1P2410000131"), size: Size(width: 140, height: 40))
        #expect(screen.text.contains("MEDIA"))
        #expect(screen.text.contains("● 1.2 s p2p"))
        #expect(screen.text.contains("… ICE"))
        #expect(screen.text.contains("✖ ICE"))
        #expect(screen.text.contains("… queued"))
        #expect(screen.text.contains("✖ GStreamer"))
    }

    @Test("the thumbnail is a region of coloured half-blocks; a grey ramp in 8 colours; nothing under NO_COLOR or --ascii")
    func thumbnailModes() throws {
        var model = Self.model(selected: "VDCA1P2410000131")
        _ = model.handle(.enter)
        let renderer = DashboardRenderer(glyphs: .unicode)
        let colour = renderer.render(model, size: Size(width: 120, height: 60))
        let pictureCells = colour.cells.flatMap { $0 }.filter { $0.style.picture != nil }
        #expect(pictureCells.count == 32 * 9)
        #expect(pictureCells.allSatisfy { $0.text == "▀" })
        #expect(Set(pictureCells.compactMap { $0.style.picture?.top }) == [0xcc2200, 0x1133aa, 0xffffff])
        model.pictureMode = .greyRamp
        let grey = renderer.render(model, size: Size(width: 120, height: 60))
        #expect(grey.cells.flatMap { $0 }.allSatisfy { $0.style.picture == nil })
        #expect(grey.text.contains("▒") || grey.text.contains("░"))
        model.pictureMode = .none
        let none = renderer.render(model, size: Size(width: 120, height: 60))
        #expect(!none.text.contains("picture"))
        #expect(none.text.contains("15.0 fps") && none.text.contains("180 kbit/s"), "the figures stay")
    }

    @Test("v checks a live camera, refuses one that is not live; V asks first")
    func checkKeys() {
        var model = Fixtures.model()
        #expect(model.handle(.character("v")) == [.checkMedia("VDCA1P2410000131")])
        model.selected = "VDCA1P2311004420"
        #expect(model.handle(.character("v")) == [])
        #expect(model.status?.isError == true)
        #expect(model.handle(.character("V")) == [])
        #expect(model.mode == .confirmCheckAllMedia)
        #expect(model.handle(.character("n")) == [])
        _ = model.handle(.character("V"))
        #expect(model.handle(.character("y")) == [.checkAllMedia])
    }

    @Test("w starts a preview, w again stops it; Esc or another camera stops it too")
    func previewKeys() {
        var model = Fixtures.model()
        let first = model.selected!
        #expect(model.handle(.character("w")) == [.startPreview(first)])
        #expect(model.previewing == first)
        #expect(model.handle(.character("w")) == [.stopPreview(first)])
        #expect(model.previewing == nil)
        _ = model.handle(.character("w"))
        #expect(model.handle(.escape) == [.stopPreview(first)])
        _ = model.handle(.character("w"))
        let effects = model.handle(.character("j"))
        #expect(effects == [.stopPreview(first)])
        #expect(model.previewing == nil)
    }

    @Test("a preview the manager ended (the session dropped) ends in the model too, not before it started")
    func previewEndsWithSession() {
        var model = Fixtures.model()
        let first = model.selected!
        _ = model.handle(.character("w"))
        var fleet = Fixtures.fleet
        model.update(fleet)
        #expect(model.previewing == first, "not started yet is not ended")
        fleet[0].media.previewing = true
        model.update(fleet)
        fleet[0].media.previewing = false
        model.update(fleet)
        #expect(model.previewing == nil)
    }

    @Test("the key bar says a preview runs")
    func keyBar() {
        var model = Fixtures.model()
        _ = model.handle(.character("w"))
        let screen = DashboardRenderer(glyphs: .unicode).render(model, size: Size(width: 120, height: 40))
        #expect(screen.lines.last?.contains("● preview VDCA1P2410000131 · w or Esc stops") == true)
    }
}
