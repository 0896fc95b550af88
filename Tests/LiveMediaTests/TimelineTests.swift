import Testing
@testable import LiveMedia

@Suite("Phases, time-outs and verdicts")
struct TimelineTests {
    let timeouts = LiveViewTimeouts()

    @Test("each phase that waits too long fails with its own reason")
    func overduePhases() {
        var timeline = LiveViewTimeline()
        #expect(timeline.overdue(at: 12_000, timeouts: timeouts, iceDetail: "x") == nil)
        let noOffer = timeline.overdue(at: 12_001, timeouts: timeouts, iceDetail: "x")
        #expect(noOffer?.phase == .offerSent && noOffer?.reason == "webrtcbin made no offer in 12 s")
        timeline.mark(.offerSent, at: 100)
        #expect(timeline.overdue(at: 12_000, timeouts: timeouts, iceDetail: "x") == nil)
        let answer = timeline.overdue(at: 12_101, timeouts: timeouts, iceDetail: "x")
        #expect(answer?.phase == .answer)
        #expect(answer?.reason == "no answer in 12 s — the camera ignored the offer")

        timeline.mark(.answer, at: 200)
        let ice = timeline.overdue(at: 10_201, timeouts: timeouts, iceDetail: "0 of 6 pairs answered")
        #expect(ice?.phase == .iceConnected && ice?.reason == "ICE failed: 0 of 6 pairs answered")

        timeline.mark(.iceConnected, at: 300)
        #expect(timeline.overdue(at: 10_301, timeouts: timeouts, iceDetail: "")?.phase == .dtlsConnected)
        timeline.mark(.dtlsConnected, at: 400)
        #expect(timeline.overdue(at: 10_401, timeouts: timeouts, iceDetail: "")?.phase == .dataChannelOpen)
        timeline.mark(.dataChannelOpen, at: 500)
        #expect(timeline.overdue(at: 10_501, timeouts: timeouts, iceDetail: "")?.reason == "no reply to startLive in 10 s")
        timeline.mark(.startLiveAcknowledged, at: 600)
        let video = timeline.overdue(at: 30_601, timeouts: timeouts, iceDetail: "")
        #expect(video?.phase == .firstRTP && video?.reason == "no video 30 s after startLive")
        timeline.mark(.firstRTP, at: 700)
        #expect(timeline.overdue(at: 30_601, timeouts: timeouts, iceDetail: "")?.phase == .firstKeyframe)
        timeline.mark(.firstKeyframe, at: 800)
        #expect(timeline.overdue(at: 30_601, timeouts: timeouts, iceDetail: "")?.phase == .firstFrame)
        timeline.mark(.firstFrame, at: 900)
        #expect(timeline.overdue(at: 1e9, timeouts: timeouts, iceDetail: "") == nil)
        #expect(timeline.awaiting == nil)
    }

    @Test("a phase keeps its first time; the waterfall is in protocol order")
    func marks() {
        var timeline = LiveViewTimeline()
        let first = timeline.mark(.answer, at: 50)
        let second = timeline.mark(.answer, at: 70)
        #expect(first && !second)
        #expect(timeline.reached[.answer] == 50)
        timeline.mark(.offerSent, at: 10)
        timeline.mark(.firstLocalCandidate, at: -3)
        #expect(timeline.ordered.map(\.phase) == [.offerSent, .answer, .firstLocalCandidate])
        #expect(timeline.reached[.firstLocalCandidate] == 0, "negative clocks clamp to 0")
        #expect(timeline.awaiting == .iceConnected)
    }

    @Test("verdict lines say path and time, or phase and reason, or what to install")
    func verdictLines() {
        #expect(LiveViewVerdict.ok(path: .p2p, firstFrameMs: 612).line == "ok · p2p · 612 ms to first frame")
        #expect(LiveViewVerdict.ok(path: .relay(transport: "tcp"), firstFrameMs: 900).line == "ok · relay (tcp) · 900 ms to first frame")
        #expect(LiveViewVerdict.failed(phase: .dtlsConnected, reason: "DTLS failed").line == "failed at DTLS: DTLS failed")
        #expect(LiveViewVerdict.failed(phase: .firstRTP, reason: "no video").line == "failed at video: no video")
        #expect(LiveViewVerdict.unavailable(reason: "install x").line == "unavailable: install x")
        #expect(MediaAvailability.unavailable(reason: "no webrtcbin").summary == "unavailable: install \(MediaAvailability.aptLine) (no webrtcbin)")
        #expect(MediaAvailability.aptLine.contains("gstreamer1.0-nice") && MediaAvailability.aptLine.contains("gstreamer1.0-libav"))
    }

    @Test("possible pairs count candidates of the same transport")
    func possiblePairs() {
        let local = ["candidate:1 1 UDP 1 127.0.0.1 1 typ host", "candidate:2 1 TCP 1 127.0.0.1 9 typ host tcptype active"]
        let remote = ["candidate:1 1 udp 1 127.0.0.1 2 typ host", "candidate:3 1 udp 1 127.0.0.1 3 typ srflx", "candidate:4 1 tcp 1 127.0.0.1 4 typ host"]
        #expect(LiveViewReport.possiblePairs(local: local, remote: remote) == 3)
    }
}
