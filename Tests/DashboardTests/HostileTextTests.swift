import Dashboard
import Foundation
@testable import LiveSession
import Testing

/// Strings from the network can carry escape sequences, bidi controls, huge lengths or
/// replacement characters from invalid UTF-8: they must be drawn as inert text.
@MainActor
@Suite("Hostile text")
struct HostileTextTests {
    static let hostile = [
        "Porch\u{1B}[2J\u{1B}]0;pwned\u{07}",              // clear screen, retitle
        "Cam\u{202E}reversed\u{202C}\u{2066}iso",            // bidi override and isolate
        "\u{9B}31mCSI in C1\u{90}DCS",                       // 8-bit C1 controls
        String(decoding: [0x47, 0xFF, 0xFE, 0x61, 0xC0, 0x80], as: UTF8.self),  // invalid UTF-8
        String(repeating: "very long name ", count: 400),
        "tab\there\nnew line\r\u{7F}del\u{0}",
        "zero\u{200B}width\u{FEFF}bom",
    ]

    @Test("names, errors and candidates with controls are drawn without any control character")
    func drawnInert() {
        var fleet = Fixtures.fleet
        for (index, text) in Self.hostile.enumerated() where index < fleet.count {
            fleet[index].name = text
            fleet[index].lastError = text
            fleet[index].remoteCandidates = ["candidate:1 1 udp 1 127.0.0.1 1 typ host " + text]
            fleet[index].iceServers = [ICEServerStatus(url: "stun:" + text, ok: false, rttMs: nil, detail: text)]
        }
        var model = Fixtures.model()
        model.update(fleet)
        model.record(SessionEvent(at: Fixtures.now, serialNumber: fleet[0].serialNumber, traceId: Self.hostile[0], kind: .command,
                                  message: Self.hostile[1], state: .live))
        for selected in fleet.map(\.serialNumber) {
            model.selected = selected
            for size in [Size(width: 80, height: 24), Size(width: 200, height: 60)] {
                let screen = DashboardRenderer(glyphs: .unicode).render(model, size: size)
                for scalar in screen.text.unicodeScalars where scalar != "\n" {
                    #expect(!Self.isControl(scalar), "control U+\(String(scalar.value, radix: 16)) reached the screen")
                }
                #expect(screen.lines.allSatisfy { ScreenText.width($0) <= size.width })
                #expect(!screen.text.contains("\u{1B}"))
            }
        }
    }

    @Test("absurd values from a server draw without trapping: huge numbers, negative phases, a megabyte of combining marks")
    func absurdValues() {
        var fleet = Fixtures.fleet
        fleet[0].phases.answerMs = -40
        fleet[0].phases.cameraInMs = .infinity
        fleet[0].ticket?.expiresAt = Date(timeIntervalSince1970: 1e22)
        fleet[0].ticket?.pingInterval = 1e30
        fleet[0].ticket?.stopLiveTimeout = -.infinity
        fleet[0].name = "Z" + String(repeating: "\u{0301}", count: 1_000_000)
        fleet[1].stateSince = Date(timeIntervalSince1970: -1e20)
        fleet[1].lastEventAt = Date.distantFuture
        var model = Fixtures.model()
        model.update(fleet)
        for selected in [fleet[0].serialNumber, fleet[1].serialNumber] {
            model.selected = selected
            let screen = DashboardRenderer(glyphs: .unicode).render(model, size: Size(width: 120, height: 40))
            #expect(screen.lines.count == 40)
        }
        #expect(ScreenText.clean(fleet[0].name!).unicodeScalars.count <= 4096)
    }

    @Test("cleaning keeps ordinary text and replaces each control")
    func clean() {
        #expect(ScreenText.clean("Front Door") == "Front Door")
        #expect(ScreenText.clean("a\u{1B}[2Jb") == "a\u{FFFD}[2Jb")
        #expect(ScreenText.clean("a\u{202E}b") == "a\u{FFFD}b")
        #expect(ScreenText.clean("Café ☕", asciiOnly: true) == "Caf? ?")
    }

    @Test("wide characters are measured as two cells and never split")
    func wide() {
        #expect(ScreenText.width("摄像头") == 6)
        #expect(ScreenText.clip("摄像头", to: 5).text == "摄像")
        #expect(ScreenText.truncate("Front Door Camera", to: 8) == "Front D…")
        #expect(ScreenText.pad("7", to: 3, alignRight: true) == "  7")
    }

    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F, 0x200B...0x200F, 0x202A...0x202E, 0x2060...0x2069, 0xFEFF: true
        default: false
        }
    }
}
