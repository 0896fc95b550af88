import Foundation
import Testing
import TestSupport
import LiveMedia

/// `vicotop check` as scripts call it, against the embedded demo simulator (loopback only).
@Suite("vicotop check")
struct CheckCommandTests {
    static let gstreamer = GStreamerRuntime.camera.isAvailable

    @Test("a healthy camera: exit 0, every phase in JSON, a p2p verdict, no secret", .enabled(if: gstreamer))
    func healthy() async throws {
        let result = try await VicotopProcess.run(["check", "VDCA1P2410000131", "--json", "--seconds", "1"], timeout: .seconds(60))
        #expect(result.status == 0, "\(result.stderr)")
        #expect(ContractSchema.check.problems(in: result.stdout) == [], "\(result.stdout)")
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
        #expect(ContractSchema.check.problems(in: result.stdout) == [], "\(result.stdout)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let verdict = try #require(object["verdict"] as? [String: Any])
        #expect(verdict["phase"] as? String == "ice-connected")
        #expect((verdict["reason"] as? String)?.hasPrefix("ICE failed: 0 of ") == true)
    }

    @Test("--relay-only through a real coturn: relay (tcp) with good credentials, \"TURN refused the credentials\" with bad ones",
          .enabled(if: gstreamer && CoturnServer.isInstalled))
    func relayOnly() async throws {
        let coturn = try await CoturnServer()
        defer { coturn.terminate() }
        for (credential, expected) in [(CoturnServer.password, 0), ("wrong", 6)] {
            let (simulator, banner) = try await SimulateCommandTests.simulate([
                "--turn", "turn:127.0.0.1:\(coturn.port)?transport=tcp", "--turn-user", CoturnServer.username, "--turn-credential", credential])
            defer { simulator.terminate() }
            let base = try #require(banner.firstMatch(of: /API base URL\s+(\S+)/).map { String($0.1) })
            let token = try #require(banner.firstMatch(of: /demo token\s+(\S+)/).map { String($0.1) })
            let result = try await VicotopProcess.run(["--api-base", base, "--token", token, "check", "VDCA1P2410000131", "--relay-only",
                                                       "--seconds", "1", "--connect-timeout", "4", "--thumbnail", "none"], timeout: .seconds(60))
            #expect(result.status == Int32(expected), "\(result.stdout)\(result.stderr)")
            if expected == 0 {
                #expect(result.stdout.contains("verdict   ok · relay (tcp)") && result.stdout.contains("path      relay (tcp)"), "\(result.stdout)")
            } else {
                #expect(result.stdout.contains("verdict   failed at ICE: TURN refused the credentials"), "\(result.stdout)")
            }
            #expect(!result.stdout.contains(credential == "wrong" ? "wrong" : CoturnServer.password), "no TURN credential on screen")
        }
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

/// Live views in the headless modes: `status --once --media` exit codes and JSON, `watch`
/// with a media schedule (JSON lines and plain verdicts), and the media metrics.
@Suite("Live views in status, watch and metrics")
struct HeadlessMediaTests {
    static let gstreamer = GStreamerRuntime.camera.isAvailable

    @Test("status --once --media: 0 when the view works, 2 when it fails, 7 without GStreamer", .enabled(if: gstreamer))
    func statusExitCodes() async throws {
        let ok = try await VicotopProcess.run(["status", "--once", "--media", "--json", "--device", "VDCA1P2410000131"], timeout: .seconds(90))
        #expect(ok.status == 0, "\(ok.stderr)")
        #expect(ContractSchema.fleet.problems(in: ok.stdout) == [], "\(ok.stdout)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(ok.stdout.utf8)) as? [String: Any])
        let device = try #require((object["devices"] as? [[String: Any]])?.first)
        let media = try #require(device["media"] as? [String: Any])
        #expect(media["state"] as? String == "ok")
        #expect(media["path"] as? String == "p2p")
        #expect((media["waterfall"] as? [[String: Any]])?.last?["name"] as? String == "first decoded frame")

        let failed = try await VicotopProcess.run(["status", "--once", "--media", "--device", "VDCB2G2405003071"], timeout: .seconds(90))
        #expect(failed.status == 2, "\(failed.stdout)\(failed.stderr)")
        #expect(failed.stdout.contains("MEDIA") && failed.stdout.contains("failed at ICE: ICE failed: 0 of"))

        let missing = try await VicotopProcess.run(["status", "--once", "--media", "--device", "VDCA1P2410000131"],
                                                   environment: ["VICOTOP_GSTREAMER": "off"], timeout: .seconds(90))
        #expect(missing.status == 7)
        #expect(missing.stdout.contains("unavailable"))
    }

    @Test("watch --media-check-interval: media events as JSON lines, verdicts as plain lines", .enabled(if: gstreamer))
    func watchEvents() async throws {
        // The first check starts about 1.5 s in and needs a few seconds of video after its
        // first frame; on a loaded machine that took more than 5 s, so both watchers run for
        // 15 s, side by side.
        async let jsonlRun = VicotopProcess.run(
            ["watch", "--jsonl", "--no-ice", "--duration", "15", "--interval", "2", "--media-check-interval", "60", "--device", "VDCA1P2410000131"],
            timeout: .seconds(60))
        async let plainRun = VicotopProcess.run(
            ["watch", "--plain", "--no-ice", "--duration", "15", "--media-check-interval", "60", "--device", "VDCA1P2410000131"],
            timeout: .seconds(60))
        let jsonl = try await jsonlRun
        #expect(jsonl.status == 0, "\(jsonl.stderr)")
        for line in jsonl.stdout.split(separator: "\n") {
            let shape = line.contains(#""type":"snapshot""#) ? ContractSchema.watchSnapshot : ContractSchema.watchEvent
            #expect(shape.problems(in: line) == [], "\(line)")
        }
        let lines = jsonl.stdout.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        let kinds = lines.compactMap { $0["kind"] as? String }
        #expect(kinds.contains("mediaPhase") && kinds.contains("mediaVerdict"))
        let verdict = lines.first { $0["kind"] as? String == "mediaVerdict" }?["message"] as? String
        #expect(verdict?.hasPrefix("live view ok · p2p") == true, "\(String(describing: verdict))")
        let media = lines.last { $0["type"] as? String == "snapshot" }.flatMap { ($0["devices"] as? [[String: Any]])?.first?["media"] as? [String: Any] }
        #expect((media?["figures"] as? [String: Any])?["framesDecoded"] as? Int ?? 0 > 0)

        let plain = try await plainRun
        #expect(plain.stdout.contains("mediaVerdict: live view ok · p2p"), "\(plain.stdout)")
        let bad = try await VicotopProcess.run(["watch", "--plain", "--media-check-interval", "2"])
        #expect(bad.status == 64)
    }
}
