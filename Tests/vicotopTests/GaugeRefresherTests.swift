import Foundation
@testable import LiveSession
import Prometheus
import Testing
import VicohomeAPI
@testable import vicotop

/// The snapshot-derived gauges: what a scrape shows for a camera, and that a camera's
/// series leave with it.
@Suite("Snapshot-derived gauges")
struct GaugeRefresherTests {
    static func snapshot(_ serial: String, state: SessionState, ticketAt now: Date?, verdict: MediaVerdict? = nil) -> DeviceSnapshot {
        let ticket = now.map {
            TicketSummary(WebRTCTicket(traceId: "webrtc-\(serial)-1", groupId: "g", role: "viewer", id: "u", signalServer: "wss://127.0.0.1:1",
                                       sign: Secret("s"), serverTime: $0, expirationTime: $0.addingTimeInterval(300)),
                          skew: 0, receivedAt: $0)
        }
        var snapshot = DeviceSnapshot(
            serialNumber: serial, name: nil, state: state, stateSince: now, ticket: ticket, ping: PingStatistics(), cameraPresent: state.isLive,
            remoteCandidates: [], localCandidates: [], iceServers: [], phases: SessionPhases(), attempt: 0, lastError: nil,
            lastEventAt: nil, reconnects: [:], ticketRequests: [:], updatedAt: now ?? Date())
        if let verdict { snapshot.media.state = .done(verdict) }
        return snapshot
    }

    /// `name{labels}` → value, from the exposition text.
    static func samples(_ registry: PrometheusCollectorRegistry) -> [String: Double] {
        var samples: [String: Double] = [:]
        for line in String(decoding: registry.emitToBuffer(), as: UTF8.self).split(separator: "\n") where !line.hasPrefix("#") {
            guard let space = line.lastIndex(of: " "), let value = Double(line[line.index(after: space)...]) else { continue }
            samples[String(line[..<space])] = value
        }
        return samples
    }

    @Test("live, ticket times, media verdict and shard per scrape; a removed camera's series go with it")
    func gauges() throws {
        let registry = PrometheusCollectorRegistry()
        let refresher = GaugeRefresher(registry: registry, shard: try Shard(index: 2, count: 3), planner: RefreshPlanner())
        let issued = Date()
        registry.makeCounter(descriptor: MetricNameDescriptor(metricName: "vicotop_pings_sent_total", unitName: "", helpText: ""),
                             labels: [("serial", "S1")]).increment(by: Int64(3))
        refresher.update([
            Self.snapshot("S1", state: .live, ticketAt: issued, verdict: .ok(path: "p2p host", firstFrameMs: 300)),
            Self.snapshot("S2", state: .backingOff(until: issued, reason: .offline), ticketAt: nil, verdict: .failed(phase: "ICE", reason: "no pair")),
            Self.snapshot("S3", state: .refreshing, ticketAt: issued),
        ])
        var samples = Self.samples(registry)
        #expect(samples[#"vicotop_shard_info{shard="2",shards="3"}"#] == 1)
        #expect(samples[#"vicotop_session_live{serial="S1"}"#] == 1)
        #expect(samples[#"vicotop_session_live{serial="S2"}"#] == 0)
        #expect(samples[#"vicotop_session_live{serial="S3"}"#] == 1, "refreshing is live")
        let expiry = try #require(samples[#"vicotop_ticket_expiry_timestamp_seconds{serial="S1"}"#])
        #expect(abs(expiry - issued.addingTimeInterval(300).timeIntervalSince1970) < 0.01)
        // A five-minute ticket is replaced 60 s before it expires (RefreshPlanner's rule).
        #expect(abs((samples[#"vicotop_ticket_refresh_timestamp_seconds{serial="S1"}"#] ?? 0) - (expiry - 60)) < 0.01)
        #expect(samples[#"vicotop_ticket_expiry_timestamp_seconds{serial="S2"}"#] == 0, "no ticket")
        #expect(samples[#"vicotop_media_check_ok{serial="S1"}"#] == 1)
        #expect(samples[#"vicotop_media_check_ok{serial="S2"}"#] == 0)
        #expect(samples[#"vicotop_media_check_ok{serial="S3"}"#] == nil, "no verdict yet: no series")
        #expect(samples[#"vicotop_pings_sent_total{serial="S1"}"#] == 3)

        refresher.update([Self.snapshot("S2", state: .live, ticketAt: issued)])
        samples = Self.samples(registry)
        #expect(samples.keys.filter { $0.contains(#"serial="S1""#) || $0.contains(#"serial="S3""#) }.isEmpty,
                "series of removed cameras: \(samples.keys.filter { $0.contains("S1") || $0.contains("S3") })")
        #expect(samples[#"vicotop_session_live{serial="S2"}"#] == 1)
        #expect(samples[#"vicotop_media_check_ok{serial="S2"}"#] == 0, "the last verdict stays while the next check runs")
        #expect(samples[#"vicotop_shard_info{shard="2",shards="3"}"#] == 1)
    }
}
