import Testing
@testable import LiveMedia
import TestSupport

@Suite("Offer munging, answer reading and camera quirks")
struct SDPTests {
    @Test("the munged offer carries sctpmap beside sctp-port, setup:active and only sha-256")
    func mungedOffer() {
        let withSHA1 = webrtcbinOfferSample.replacingOccurrences(of: "a=rtcp-mux\r\n", with: "a=rtcp-mux\r\na=fingerprint:sha-1 AA:BB\r\n")
        let munged = ViewerOffer.munge(withSHA1)
        let lines = munged.components(separatedBy: "\r\n")
        let port = lines.firstIndex(of: "a=sctp-port:5000")
        #expect(port != nil)
        #expect(lines[port! + 1] == ViewerOffer.sctpmapLine)
        #expect(!munged.contains("actpass"))
        #expect(lines.filter { $0 == "a=setup:active" }.count == 2)
        #expect(!munged.contains("sha-1"))
        #expect(lines.filter { $0.hasPrefix("a=fingerprint:sha-256 ") }.count == 2)
        #expect(munged.hasSuffix("\r\n") && !munged.contains("\r\n\r\n"))
        #expect(ViewerOffer.munge(munged) == munged, "munging twice changes nothing")
    }

    @Test("a camera answers the munged offer and ignores offers that break its quirks")
    func cameraQuirks() {
        let munged = ViewerOffer.munge(webrtcbinOfferSample)
        #expect(CameraQuirks.reasonToIgnore(offer: munged) == nil)
        #expect(CameraQuirks.reasonToIgnore(offer: webrtcbinOfferSample) == "no a=sctpmap:5000 line")
        let sha1 = munged.replacingOccurrences(of: "sha-256", with: "sha-1")
        #expect(CameraQuirks.reasonToIgnore(offer: sha1) == "a fingerprint other than sha-256")
        let noFingerprint = SDPDocument(munged).text.components(separatedBy: "\r\n").filter { !$0.hasPrefix("a=fingerprint") }.joined(separator: "\r\n")
        #expect(CameraQuirks.reasonToIgnore(offer: noFingerprint) == "no DTLS fingerprint")
        let vp8 = munged.replacingOccurrences(of: "H264/90000", with: "VP8/90000")
        #expect(CameraQuirks.reasonToIgnore(offer: vp8) == "no H.264 video")
    }

    @Test("an answer's actpass is read as passive; codec, profile and data channel are read")
    func answerReading() {
        let answer = webrtcbinOfferSample.replacingOccurrences(of: "a=recvonly", with: "a=sendonly")
        let read = CameraAnswer(sdp: answer)
        #expect(read.setup == "actpass")
        #expect(!read.normalizedSDP.contains("a=setup:actpass"))
        #expect(read.normalizedSDP.components(separatedBy: "\r\n").filter { $0 == "a=setup:passive" }.count == 2)
        #expect(read.videoCodec == "H264" && read.isH264)
        #expect(read.profileLevelId == "42e01f")
        #expect(read.fingerprintHashes == ["sha-256", "sha-256"])
        #expect(read.hasDataChannel, "bundle-only at port 0 still carries the channel")
    }

    @Test("an H.265 answer is recognised, a rejected data channel seen")
    func h265Answer() {
        let h265 = """
            v=0\r\no=- 1 0 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\nm=video 9 UDP/TLS/RTP/SAVPF 98\r\na=setup:passive\r\n\
            a=rtpmap:98 H265/90000\r\nm=application 0 UDP/DTLS/SCTP webrtc-datachannel\r\n
            """
        let read = CameraAnswer(sdp: h265)
        #expect(read.videoCodec == "H265")
        #expect(!read.isH264)
        #expect(read.profileLevelId == nil)
        #expect(!read.hasDataChannel)
    }
}
