import Foundation
import Testing
import LiveMedia

/// `vicotop check` as scripts call it, against the embedded demo simulator (loopback only).
@Suite("vicotop check")
struct CheckCommandTests {
    static let gstreamer = GStreamerRuntime.camera.isAvailable

    @Test("a healthy camera: exit 0, every phase in JSON, a p2p verdict, no secret", .enabled(if: gstreamer))
    func healthy() async throws {
        let result = try await VicotopProcess.run(["check", "VDCA1P2410000131", "--json", "--seconds", "1"], timeout: .seconds(60))
        #expect(result.status == 0, "\(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let verdict = try #require(object["verdict"] as? [String: Any])
        #expect(verdict["result"] as? String == "ok")
        #expect(verdict["path"] as? String == "p2p")
        #expect((verdict["firstFrameMs"] as? Int ?? 0) > 0)
        let phases = (object["phases"] as? [[String: Any]] ?? []).compactMap { $0["phase"] as? String }
        #expect(phases.first == "ticket")
        #expect(phases.contains("dtls-connected") && phases.contains("startlive-acknowledged") && phases.last == "first-frame")
        #expect(object["schemaVersion"] as? Int == 1)
        #expect((object["startedAt"] as? String)?.hasSuffix("Z") == true)
        #expect(!result.stdout.contains("demo-token") && !result.stderr.contains("demo-token"))
    }

    @Test("the camera whose video never starts: exit 6 and the failing phase", .enabled(if: gstreamer))
    func videoNeverStarts() async throws {
        let result = try await VicotopProcess.run(["check", "VDCB2G2408001742", "--video-timeout", "2", "--thumbnail", "none"], timeout: .seconds(60))
        #expect(result.status == 6)
        #expect(result.stdout.contains("verdict   failed at video: no video 2 s after startLive"), "\(result.stdout)")
        #expect(result.stdout.contains("startLive acknowledged"))
    }

    @Test("the camera whose candidates are unreachable fails at ICE, in JSON too", .enabled(if: gstreamer))
    func iceFails() async throws {
        let result = try await VicotopProcess.run(["check", "VDCB2G2405003071", "--json", "--connect-timeout", "3"], timeout: .seconds(60))
        #expect(result.status == 6)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let verdict = try #require(object["verdict"] as? [String: Any])
        #expect(verdict["phase"] as? String == "ice-connected")
        #expect((verdict["reason"] as? String)?.hasPrefix("ICE failed: 0 of ") == true)
    }

    @Test("without GStreamer: exit 7 and the apt line to install")
    func unavailable() async throws {
        let result = try await VicotopProcess.run(["check", "VDCA1P2410000131"], environment: ["VICOTOP_GSTREAMER": "off"])
        #expect(result.status == 7)
        #expect(result.stderr.contains("live view unavailable: install \(MediaAvailability.aptLine)"), "\(result.stderr)")
    }

    @Test("bad values are usage errors")
    func usage() async throws {
        let result = try await VicotopProcess.run(["check", "VDCA1P2410000131", "--thumbnail", "png"])
        #expect(result.status == 64)
        let seconds = try await VicotopProcess.run(["check", "VDCA1P2410000131", "--seconds", "-1"])
        #expect(seconds.status == 64)
    }
}
