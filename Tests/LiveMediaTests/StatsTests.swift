import Testing
@testable import LiveMedia

@Suite("webrtcbin statistics and media figures")
struct StatsTests {
    @Test("the selected pair is found by ids, whatever types 1.22 gives its candidates")
    func selectedPair() throws {
        let report = WebRTCStatsReport(flattened: statsSample)
        let pair = try #require(report.selectedPair)
        #expect(pair.local.port == 50037 && pair.remote.port == 45655)
        #expect(pair.local.type == "host" && pair.local.transport == "udp")
        #expect(pair.path(relayTransportFallback: "udp") == .p2p)
        #expect(pair.description == "host udp 127.0.0.1:50037 ⇄ host udp 127.0.0.1:45655")
        #expect(report.candidateCounts == (1, 1))
    }

    @Test("inbound figures, with the loss from the rtpsource structure")
    func inbound() throws {
        let inbound = try #require(WebRTCStatsReport(flattened: statsSample).inbound)
        #expect(inbound.packetsReceived == 10 && inbound.bytesReceived == 3419)
        #expect(inbound.packetsLost == 4)
        #expect(inbound.jitterSeconds == 0.0021)
        #expect(inbound.nackCount == 3 && inbound.pliCount == 2 && inbound.firCount == 1)
        let unknownLoss = WebRTCStatsReport(flattened: statsSample.replacingOccurrences(of: "packets-lost=(int)4", with: "packets-lost=(int)-1"))
        #expect(unknownLoss.inbound?.packetsLost == 0, "-1 means not known yet, not a gain")
    }

    @Test("a relayed pair names its TURN transport from the URL, else the fallback")
    func relayPath() {
        let relay = CandidateStats(type: "relay", transport: "udp", address: "127.0.0.1", port: 1, url: "turn:127.0.0.1:3478?transport=tcp")
        let host = CandidateStats(type: "host", transport: "udp", address: "127.0.0.1", port: 2)
        #expect(SelectedPair(local: relay, remote: host).path(relayTransportFallback: "udp") == .relay(transport: "tcp"))
        var plain = relay
        plain.url = ""
        #expect(SelectedPair(local: plain, remote: host).path(relayTransportFallback: "udp") == .relay(transport: "udp"))
        #expect(SelectedPair(local: host, remote: plain).path(relayTransportFallback: "tcp") == .relay(transport: "tcp"))
    }

    @Test("rates: fps and kbit/s between two samples; loss ratio")
    func rates() {
        var rates = MediaRates()
        var health = MediaHealth()
        health.framesDecoded = 10
        health.bytesReceived = 1000
        rates.update(&health, at: 1)
        #expect(health.fps == 0, "one sample gives no rate")
        health.framesDecoded = 40
        health.bytesReceived = 126_000
        rates.update(&health, at: 3)
        #expect(health.fps == 15)
        #expect(health.kbps == 500)
        health.packetsReceived = 95
        health.packetsLost = 5
        #expect(health.lossRatio == 0.05)
        #expect(health.resolution == "—")
    }
}
