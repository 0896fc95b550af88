/// Turns webrtcbin's offer into the one cameras answer (see the protocol notes, "Live view").
public enum ViewerOffer {
    /// The caps of the receive-only video transceiver: H.264 as browsers offer it, with
    /// NACK, PLI and FIR feedback.
    public static let videoCaps =
        "application/x-rtp,media=video,encoding-name=H264,payload=96,clock-rate=90000," +
        "packetization-mode=(string)1,profile-level-id=(string)42e01f," +
        "rtcp-fb-nack=(boolean)true,rtcp-fb-nack-pli=(boolean)true,rtcp-fb-ccm-fir=(boolean)true"

    /// The data channel's label, as the vendor's player names it.
    public static let channelLabel = "WebRTCData"

    /// The legacy line without which a camera stays silent.
    public static let sctpmapLine = "a=sctpmap:5000 webrtc-datachannel 1024"

    /// Adjusts an offer for cameras:
    /// - the legacy `a=sctpmap:5000 webrtc-datachannel 1024` beside `a=sctp-port:5000`;
    /// - `a=setup:active`: the viewer is the DTLS client, as the vendor's player is (webrtcbin
    ///   1.22's RSA certificate suits a camera that is the DTLS server);
    /// - only `sha-256` fingerprints.
    public static func munge(_ sdp: String) -> String {
        var document = SDPDocument(sdp)
        document.rewriteLines { line in
            if line.hasPrefix("a=setup:") { return "a=setup:active" }
            if line.hasPrefix("a=fingerprint:"), !line.lowercased().hasPrefix("a=fingerprint:sha-256 ") { return nil }
            return line
        }
        for index in document.media.indices where document.media[index].kind == "application" {
            var lines = document.media[index].lines
            guard !lines.contains(where: { $0.hasPrefix("a=sctpmap:") }) else { continue }
            if let port = lines.firstIndex(where: { $0.hasPrefix("a=sctp-port:") }) {
                lines.insert(sctpmapLine, at: port + 1)
            } else {
                lines.append(contentsOf: ["a=sctp-port:5000", sctpmapLine])
            }
            document.media[index].lines = lines
        }
        return document.text
    }
}
