import Testing
import VicohomeAPI
@testable import LiveMedia

@Suite("ICE servers for webrtcbin and the simulated camera's picture")
struct ServersAndPictureTests {
    @Test("one STUN server and every TURN server with encoded credentials and its transport")
    func servers() {
        let servers = WebRTCBinServers([
            ICEServer(url: "stun:127.0.0.1:3478"),
            ICEServer(url: "stun:127.0.0.2"),
            ICEServer(urls: ["turn:127.0.0.1:3478?transport=udp", "turn:127.0.0.1?transport=tcp"], username: "u@x", credential: "p:w/d"),
            ICEServer(url: "turns:[::1]", username: "a", credential: "b"),
            ICEServer(url: "https://not-ice"),
        ])
        #expect(servers.stun == "stun://127.0.0.1:3478")
        #expect(servers.turn == [
            "turn://u%40x:p%3Aw%2Fd@127.0.0.1:3478?transport=udp",
            "turn://u%40x:p%3Aw%2Fd@127.0.0.1:3478?transport=tcp",
            "turns://a:b@[::1]:5349",
        ])
        #expect(servers.turnTransports == ["udp", "tcp", "tcp"])
        #expect(WebRTCBinServers([]).stun == nil && WebRTCBinServers([]).turn.isEmpty)
    }

    @Test("each camera's picture has a colour of its own, its name, and a moving bar")
    func picture() {
        let front = TestPicture(name: "Front Door", seed: "VDCA1P2410000131")
        let garden = TestPicture(name: "Garden Gate", seed: "VDCB2G2408001742")
        let frame = front.frame(0)
        #expect(frame.count == 320 * 180 * 3 / 2)
        #expect(frame[0] != garden.frame(0)[0] || frame[320 * 180] != garden.frame(0)[320 * 180], "another background")
        #expect(frame.prefix(320 * 180).contains(235), "the name is drawn in white")
        #expect(front.frame(0) != front.frame(10), "the bar moves")
        #expect(TestPicture(name: "ÄÖ 漢字 \u{1b}[2J", seed: "x").frame(0).count == 320 * 180 * 3 / 2, "unknown glyphs draw as ?")
    }

    @Test("an unreachable camera's candidates name the discard port")
    func unreachable() {
        #expect(CameraPeer.unreachable("candidate:1 1 UDP 2015364095 127.0.0.1 50037 typ host") == "candidate:1 1 UDP 2015364095 127.0.0.1 9 typ host")
    }
}
