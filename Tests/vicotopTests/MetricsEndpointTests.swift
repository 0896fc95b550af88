import AsyncHTTPClient
import Foundation
import LiveMedia
import Testing
import TestSupport
import VicohomeSimulator

/// `--metrics-listen` scraped over HTTP while `vicotop watch` runs.
@Suite("Prometheus metrics endpoint")
struct MetricsEndpointTests {
    @Test("watch --metrics-listen serves per-device gauges, counters, an RTT histogram and process figures")
    func scrape() async throws {
        let simulator = VicohomeSimulator()
        try await simulator.start()
        defer { Task { await simulator.stop() } }
        // Port 0: the endpoint binds a port nobody else holds and names it.
        let (process, announced) = try await VicotopProcess.startWithMetrics(
            ["watch", "--jsonl", "--no-ice", "--duration", "60", "--metrics-listen", "127.0.0.1:0",
             "--api-base", simulator.baseURL.absoluteString, "--token", simulator.token.exposedValue])
        defer { if process.isRunning { process.terminate() } }
        let port = try #require(announced, "watch did not name its metrics address")

        // Scrape until the healthy camera has answered a ping and joined its group (the first
        // ping goes as the socket opens, so its pong may come before the camera's PEER_IN), and
        // the demo's four cameras that go live are: the healthy one can be first by seconds.
        let text = try await Self.scrape(port: port, for: .seconds(45)) {
            $0.contains(#"vicotop_ping_rtt_seconds_count{serial="VDCA1P2410000131"}"#)
                && $0.contains(#"vicotop_camera_present{serial="VDCA1P2410000131"} 1"#)
                && Self.liveSessions(in: $0) >= 4
        }
        var samples: [String: Double] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            guard let space = line.lastIndex(of: " "), let value = Double(line[line.index(after: space)...]) else {
                Issue.record("unparsable sample: \(line)")
                continue
            }
            samples[String(line[..<space])] = value
        }
        let healthy = #"{serial="VDCA1P2410000131"}"#
        #expect((samples["vicotop_ticket_seconds_left" + healthy] ?? 0) > 200)
        #expect(samples["vicotop_session_state" + healthy] == 3, "live")
        #expect(samples["vicotop_session_state{serial=\"VDCX9Z2209000007\"}"] == 9, "failed")
        #expect(samples["vicotop_ticket_requests_total{serial=\"VDCA1P2410000131\",result=\"ok\"}"] == 1)
        #expect(samples["vicotop_ticket_requests_total{serial=\"VDCA1P2311004420\",result=\"offline\"}"] == 1)
        #expect(samples["vicotop_reconnects_total{serial=\"VDCA1P2407005563\",reason=\"viewerLimit\"}"] == 1)
        #expect((samples["vicotop_ping_rtt_seconds_count" + healthy] ?? 0) >= 1)
        #expect(samples["vicotop_camera_present" + healthy] == 1)
        #expect((samples["vicotop_sessions{state=\"live\"}"] ?? 0) >= 4)
        #expect((samples["process_resident_memory_bytes"] ?? 0) > 1_000_000)
        #expect(samples["process_open_fds"] != nil)
        #expect(!text.contains(simulator.token.exposedValue))
        #expect(!text.contains("traceId"), "no unbounded labels")
        process.terminate()
    }

    @Test("a media schedule fills the live-view metrics", .enabled(if: GStreamerRuntime.camera.isAvailable))
    func mediaMetrics() async throws {
        let (process, announced) = try await VicotopProcess.startWithMetrics(
            ["watch", "--jsonl", "--no-ice", "--duration", "60", "--metrics-listen", "127.0.0.1:0", "--media-check-interval", "60",
             "--device", "VDCA1P2410000131", "--device", "VDCB2G2405003071"])
        defer { if process.isRunning { process.terminate() } }
        let port = try #require(announced, "watch did not name its metrics address")
        let text = try await Self.scrape(port: port, for: .seconds(50)) {
            $0.contains(#"vicotop_media_checks_total{serial="VDCB2G2405003071",result="failed",phase="ICE"} 1"#)
        }
        #expect(text.contains(#"vicotop_media_checks_total{serial="VDCA1P2410000131",result="ok",phase=""} 1"#), "\(text)")
        #expect(text.contains(#"vicotop_media_checks_total{serial="VDCB2G2405003071",result="failed",phase="ICE"} 1"#))
        #expect(text.contains(#"vicotop_media_path{serial="VDCA1P2410000131"} 1"#))
        #expect(text.contains(#"vicotop_media_path{serial="VDCB2G2405003071"} 0"#))
        #expect(text.contains("vicotop_media_first_frame_seconds_count 1"))
        #expect(text.contains(#"vicotop_media_fps{serial="VDCA1P2410000131"}"#))
        #expect(text.contains(#"vicotop_media_bitrate_bps{serial="VDCA1P2410000131"}"#))
        process.terminate()
    }

    /// Scrapes `/metrics` until `done` likes the text or `limit` passes; the last text.
    /// The `vicotop_sessions{state="live"}` sample of a scrape, 0 when absent.
    static func liveSessions(in text: String) -> Double {
        let prefix = #"vicotop_sessions{state="live"} "#
        return text.split(separator: "\n").first { $0.hasPrefix(prefix) }.flatMap { Double($0.dropFirst(prefix.count)) } ?? 0
    }

    static func scrape(port: Int, for limit: Duration, until done: (String) -> Bool) async throws -> String {
        var text = ""
        let deadline = ContinuousClock.now + limit
        while ContinuousClock.now < deadline {
            var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)/metrics")
            request.method = .GET
            if let response = try? await HTTPClient.shared.execute(request, timeout: .seconds(2)) {
                #expect(response.status.code == 200)
                text = String(buffer: try await response.body.collect(upTo: 1 << 22))
                if done(text) { break }
            }
            try await Task.sleep(for: .milliseconds(250))
        }
        return text
    }
}
