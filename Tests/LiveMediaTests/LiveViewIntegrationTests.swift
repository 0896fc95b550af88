import Foundation
import Testing
import TestSupport
import VicohomeAPI
import VicohomeSimulator
@testable import LiveMedia

/// The viewer against the simulator's cameras, real webrtcbin on both ends, over loopback
/// only (both ends gather on 127.0.0.1 alone; the viewer drops any other remote candidate).
@Suite("Live view end to end on loopback", .enabled(if: MediaTestSupport.gstreamerPresent))
struct LiveViewIntegrationTests {
    @Test("a healthy camera: every phase, p2p, decoded frames of its own picture, actpass read as passive")
    func healthy() async throws {
        let (report, counters, stopped) = try await LiveViewHarness.with({ $0.answersActpass = true }) { harness in
            let report = try await harness.view()
            // The view ended with stopLive: the camera stops sending though its socket stays.
            let stopped = try await eventually(timeout: .seconds(30)) { harness.simulator.counters.camerasStreaming == 0 }
            return (report, harness.simulator.counters, stopped)
        }
        #expect(stopped, "the camera still streams after the view")
        guard case .ok(let path, let ms) = report.verdict else {
            Issue.record("verdict: \(report.verdict.line)")
            return
        }
        #expect(path == .p2p)
        #expect(ms > 0)
        for phase in LiveViewPhase.chain + [.firstLocalCandidate, .firstRemoteCandidate, .iceChecking] {
            #expect(report.timeline.has(phase), "phase \(phase) reached")
        }
        #expect(report.answer?.setup == "actpass")
        #expect(report.health.codec == "H264" && report.health.profile == "42e01f")
        #expect(report.health.framesDecoded >= 5)
        #expect(report.health.width == 320 && report.health.height == 180)
        let frame = try #require(report.lastFrame)
        let colours = Set(Thumbnail.fitting(frame, maxColumns: 40, maxRows: 12).cells.map(\.top))
        #expect(colours.count > 3, "a picture, not a flat colour: \(colours.count) colours")
        #expect(report.selectedPair?.local.address.hasPrefix("127.") == true)
        #expect(report.selectedPair?.remote.address.hasPrefix("127.") == true)
        #expect(report.localCandidates.allSatisfy { $0.contains(" 127.0.0.1 ") }, "loopback only")
        #expect(counters.offersAnswered == 1 && counters.cameraPeersStarted == 1)
    }

    @Test("a camera whose video never starts fails at video, after startLive")
    func videoNeverStarts() async throws {
        let report = try await LiveViewHarness.with({ $0.videoStarts = false }) { try await $0.view { $0.timeouts.video = .seconds(2) } }
        #expect(report.verdict == .failed(phase: .firstRTP, reason: "no video 2 s after startLive"))
        #expect(report.timeline.has(.startLiveAcknowledged))
        #expect(!report.timeline.has(.firstRTP))
        #expect(report.health.keyframeRequests == 0, "no stream, no SSRC to ask a keyframe of")
    }

    @Test("a camera whose candidates are unreachable fails at ICE, with the pairs counted")
    func unreachable() async throws {
        let report = try await LiveViewHarness.with({ $0.candidatesReachable = false }) { try await $0.view { $0.timeouts.ice = .seconds(3) } }
        guard case .failed(let phase, let reason) = report.verdict else {
            Issue.record("verdict: \(report.verdict.line)")
            return
        }
        #expect(phase == .iceConnected)
        #expect(reason == "ICE failed: 0 of \(report.possiblePairs) pairs answered" && report.possiblePairs > 0)
        #expect(report.timeline.has(.answer) && !report.timeline.has(.dtlsConnected))
    }

    @Test("a camera that loses 15 % of its packets still plays, and the loss is counted")
    func lossy() async throws {
        let report = try await LiveViewHarness.with({ $0.packetLossPercent = 15 }) { try await $0.view { $0.watchSeconds = 4 } }
        #expect(report.verdict.isOK, "\(report.verdict.line)")
        #expect(report.health.framesDecoded > 10)
        #expect(report.health.packetsLost > 0, "lost \(report.health.packetsLost) of \(report.health.packetsReceived)")
    }

    @Test("a refused startLive is reported with its returnValue")
    func startLiveRefused() async throws {
        let report = try await LiveViewHarness.with({ $0.startLiveReturnValue = 3 }) { try await $0.view() }
        #expect(report.verdict == .failed(phase: .startLiveAcknowledged, reason: "startLive refused: returnValue 3"))
    }

    @Test("camera peers are freed when their sockets close")
    func camerasFreed() async throws {
        try await LiveViewHarness.with { harness in
            _ = try await harness.view { $0.watchSeconds = 0 }
            #expect(harness.simulator.counters.cameraPeersOpen == 1)
            await harness.manager.shutdown()
            let freed = try await eventually(timeout: .seconds(30)) { harness.simulator.counters.cameraPeersOpen == 0 }
            #expect(freed)
        }
    }
}

/// The TURN path through a real coturn on loopback (`--allow-loopback-peers`).
@Suite("Live view through TURN", .enabled(if: MediaTestSupport.gstreamerPresent && CoturnServer.isInstalled))
struct RelayIntegrationTests {
    @Test("relay-only over TURN/UDP decodes video and says relay (udp)", arguments: ["udp", "tcp"])
    func relay(transport: String) async throws {
        let coturn = try await CoturnServer()
        defer { coturn.terminate() }
        let report = try await LiveViewHarness.with(configure: {
            $0.extraICEServers = [ICEServer(url: "turn:127.0.0.1:\(coturn.port)?transport=\(transport)",
                                            username: Secret(CoturnServer.username), credential: Secret(CoturnServer.password))]
        }) { try await $0.view { $0.relayOnly = true } }
        #expect(report.verdict.isOK, "\(report.verdict.line)")
        if case .ok(let path, _) = report.verdict { #expect(path == .relay(transport: transport)) }
        #expect(report.localCandidates.allSatisfy { $0.contains(" typ relay") })
    }

    @Test("wrong TURN credentials: relay-only fails at ICE with no relay candidate")
    func refused() async throws {
        let coturn = try await CoturnServer()
        defer { coturn.terminate() }
        let report = try await LiveViewHarness.with(configure: {
            $0.extraICEServers = [ICEServer(url: "turn:127.0.0.1:\(coturn.port)?transport=udp", username: "alice", credential: "wrong")]
        }) { try await $0.view { $0.relayOnly = true; $0.timeouts.ice = .seconds(4) } }
        #expect(report.verdict == .failed(phase: .iceConnected, reason: "ICE failed: no relay candidate — TURN refused the credentials or cannot be reached"))
    }
}
