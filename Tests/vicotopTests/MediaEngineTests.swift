import Foundation
@testable import LiveMedia
import Testing
import TestSupport
import VicohomeAPI
import VicohomeSimulator
@testable import LiveSession
@testable import vicotop

/// The session manager with the real GStreamer engine, in this process, against `vicotop
/// simulate` in another (so every pipeline, thread and socket here is the viewer's): a live
/// view ends without leaving one behind, whichever way it ends.
@Suite("Live views leave nothing behind", .enabled(if: GStreamerRuntime.camera.isAvailable))
struct MediaEngineTests {
    /// Threads GStreamer and libnice name (`webrtc:pc`, `nicesrc0:src`, `rtpsession-rtcp`, …):
    /// other threads of the process never carry a colon.
    static func gstreamerThreads() -> Int { gstreamerThreadNames().count }

    static func gstreamerThreadNames() -> [String] {
        let tasks = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/task")) ?? []
        return tasks.compactMap { task in
            let name = ((try? String(contentsOfFile: "/proc/self/task/\(task)/comm", encoding: .utf8)) ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            return name.contains(":") || name.hasPrefix("rtpsession") ? name : nil
        }.sorted()
    }

    /// Whether no socket of this process is bound to these local ports any more (a TCP
    /// TIME-WAIT belongs to no process and does not count).
    static func portsFree(_ ports: [(transport: String, port: UInt16)]) -> Bool {
        let descriptors = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
        let inodes = Set(descriptors.compactMap { descriptor -> String? in
            guard let link = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/\(descriptor)"),
                  link.hasPrefix("socket:[") else { return nil }
            return String(link.dropFirst(8).dropLast())
        })
        for (transport, port) in ports {
            let table = (try? String(contentsOfFile: "/proc/net/\(transport)", encoding: .utf8)) ?? ""
            for line in table.split(separator: "\n").dropFirst() {
                let fields = line.split(separator: " ")
                guard fields.count > 9, fields[1].hasSuffix(String(format: ":%04X", port)) else { continue }
                if inodes.contains(String(fields[9])) { return false }
            }
        }
        return true
    }

    /// Local ports of the view's pairs (`host udp 127.0.0.1:50037 ⇄ …`).
    static func localPorts(_ media: MediaStatus) -> [(transport: String, port: UInt16)] {
        media.candidatePairs.compactMap { pair in
            let fields = pair.split(separator: " ")
            guard fields.count > 2, let port = fields[2].split(separator: ":").last.flatMap({ UInt16($0) }), port != 9 else { return nil }
            return (String(fields[1]), port)
        }
    }

    @Test("a check, a stopped preview, a dropped session and a stopped one: no pipeline, thread or socket left", .timeLimit(.minutes(4)))
    func nothingLeftBehind() async throws {
        try await SerialGate.gstreamer.run {
            let (simulator, banner) = try await SimulateCommandTests.simulate([])
            defer { simulator.terminate() }
            let base = try #require(banner.firstMatch(of: /API base URL\s+(\S+)/).map { String($0.1) })
            let token = try #require(banner.firstMatch(of: /demo token\s+(\S+)/).map { String($0.1) })
            var configuration = SessionConfiguration()
            configuration.probeICE = false
            configuration.mediaEngine = GStreamerMediaEngine()
            configuration.mediaLoopbackOnly = true
            configuration.mediaCheckSeconds = 0.5
            let client = VicohomeClient(configuration: APIConfiguration(baseURL: try #require(URL(string: base))), token: Secret(token))
            let manager = SessionManager(client: client, configuration: configuration)
            await manager.start()
            let serial = "VDCA1P2410000131"
            await manager.add(serial)
            await manager.startWatching(serial)
            func live() async throws {
                #expect(try await eventually(timeout: .seconds(30)) { manager.snapshot(serial).map { $0.state == .live && $0.cameraPresent } ?? false })
            }
            func settled(_ what: String) async throws -> MediaStatus {
                #expect(try await eventually(timeout: .seconds(30)) { WebRTCPeer.openCount == 0 }, "\(what): a pipeline is left")
                let media = try #require(manager.snapshot(serial)?.media)
                let threadsBack = try await eventually(timeout: .seconds(30)) { Self.gstreamerThreads() <= baseline }
                #expect(threadsBack, "\(what): GStreamer threads grew to \(Self.gstreamerThreadNames()) from \(baselineNames)")
                let ports = Self.localPorts(media)
                let free = try await eventually(timeout: .seconds(30)) { Self.portsFree(ports) }
                #expect(free, "\(what): a socket is still bound: \(ports)")
                return media
            }

            // Warm-up, a check and a preview: GStreamer keeps idle pool threads for later
            // views, up to a high-water mark. What a view leaks would grow past it.
            try await live()
            await manager.checkMedia(serial)
            _ = await manager.waitForMediaIdle(timeout: .seconds(60))
            await manager.startPreview(serial)
            #expect(try await eventually(timeout: .seconds(30)) { manager.snapshot(serial)?.media.thumbnail != nil })
            await manager.stopMedia(serial)
            #expect(try await eventually(timeout: .seconds(30)) { WebRTCPeer.openCount == 0 })
            // A freed peer's own threads (webrtc:pc, webrtc:ice) take a moment to end.
            #expect(try await eventually(timeout: .seconds(30)) { !Self.gstreamerThreadNames().contains { $0.hasPrefix("webrtc:") } })
            let baseline = Self.gstreamerThreads()
            let baselineNames = Self.gstreamerThreadNames()

            await manager.checkMedia(serial)
            #expect(await manager.waitForMediaIdle(timeout: .seconds(60)))
            let checked = try await settled("after a check")
            #expect(checked.verdict?.line.hasPrefix("ok · p2p") == true, "\(String(describing: checked.verdict))")
            #expect(!Self.localPorts(checked).isEmpty)

            await manager.startPreview(serial)
            #expect(try await eventually(timeout: .seconds(30)) { manager.snapshot(serial)?.media.thumbnail != nil && WebRTCPeer.openCount == 1 })
            await manager.stopMedia(serial)
            _ = try await settled("after a stopped preview")

            await manager.startPreview(serial)
            #expect(try await eventually(timeout: .seconds(30)) { WebRTCPeer.openCount == 1 })
            await manager.reconnect(serial)
            _ = try await settled("after the session dropped (a reconnect)")

            try await live()
            await manager.startPreview(serial)
            #expect(try await eventually(timeout: .seconds(30)) { WebRTCPeer.openCount == 1 })
            await manager.stop(serial)
            _ = try await settled("after the session stopped")
            await manager.shutdown()
        }
    }

    @Test("the engine maps phases, figures, pairs and verdicts into the manager's terms")
    func outcomeMapping() {
        var timeline = LiveViewTimeline()
        timeline.mark(.offerSent, at: 10)
        timeline.mark(.firstFrame, at: 600)
        let report = LiveViewReport(
            serialNumber: "S", traceId: "t", startedAt: Date(), timeline: timeline, verdict: .ok(path: .relay(transport: "tcp"), firstFrameMs: 600),
            selectedPair: SelectedPair(local: CandidateStats(type: "relay", transport: "udp", address: "127.0.0.1", port: 5000),
                                       remote: CandidateStats(type: "host", transport: "udp", address: "127.0.0.1", port: 6000)),
            localCandidates: ["candidate:1 1 UDP 1 127.0.0.1 5000 typ relay"], remoteCandidates: ["candidate:2 1 udp 1 127.0.0.1 6000 typ host", "candidate:3 1 tcp 1 127.0.0.1 7000 typ host"],
            ignoredRemoteCandidates: 0, answer: nil, iceState: "connected", dtlsState: "connected", channelState: "open",
            health: MediaHealth(), lastFrame: DecodedFrame(width: 2, height: 2, rgb: [255, 0, 0, 255, 0, 0, 0, 0, 255, 0, 0, 255]), relayOnly: true)
        let outcome = GStreamerMediaEngine.outcome(report)
        #expect(outcome.verdict == .ok(path: "relay (tcp)", firstFrameMs: 600))
        #expect(outcome.waterfall.map(\.name) == ["offer sent", "first decoded frame"])
        #expect(outcome.candidatePairs == ["relay udp 127.0.0.1:5000 ⇄ host 127.0.0.1:6000: selected"])
        #expect(outcome.thumbnail?.columns == GStreamerMediaEngine.thumbnailColumns)
        #expect(outcome.thumbnail?.tops.first == 0xff0000 && outcome.thumbnail?.bottoms.last == 0x0000ff)
        var cancelled = report
        cancelled.verdict = .failed(phase: .answer, reason: "cancelled")
        #expect(GStreamerMediaEngine.outcome(cancelled).verdict == .cancelled)
        cancelled.verdict = .failed(phase: .iceConnected, reason: "ICE failed: 0 of 2 pairs answered")
        #expect(GStreamerMediaEngine.outcome(cancelled).verdict == .failed(phase: "ICE", reason: "ICE failed: 0 of 2 pairs answered"))
    }
}
