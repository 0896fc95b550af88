import Foundation
@testable import LiveMedia

/// An offer as webrtcbin 1.22 makes it here (trimmed), before munging.
let webrtcbinOffer = """
    v=0\r
    o=- 1622645174086460358 0 IN IP4 0.0.0.0\r
    s=-\r
    t=0 0\r
    a=ice-options:trickle\r
    a=group:BUNDLE video0 application1\r
    m=video 9 UDP/TLS/RTP/SAVPF 96 97\r
    c=IN IP4 0.0.0.0\r
    a=setup:actpass\r
    a=ice-ufrag:gGK7m4LpavQbnELas/P1CoGJ4UF9UlzA\r
    a=ice-pwd:33z0PXff45XaRfNV+MII8EygT71Bmsu0\r
    a=rtcp-mux\r
    a=rtcp-rsize\r
    a=recvonly\r
    a=rtpmap:96 H264/90000\r
    a=rtcp-fb:96 nack\r
    a=rtcp-fb:96 nack pli\r
    a=rtcp-fb:96 ccm fir\r
    a=rtcp-fb:96 transport-cc\r
    a=fmtp:96 packetization-mode=1;profile-level-id=42e01f\r
    a=rtpmap:97 rtx/90000\r
    a=fmtp:97 apt=96\r
    a=mid:video0\r
    a=fingerprint:sha-256 04:E8:82:CE:CC:41:B3:69:88:0B:AC:44:7B:83:90:E6:A0:F4:0B:03:2F:01:62:FE:7B:04:12:38:7B:E0:33:77\r
    a=rtcp-mux-only\r
    m=application 0 UDP/DTLS/SCTP webrtc-datachannel\r
    c=IN IP4 0.0.0.0\r
    a=setup:actpass\r
    a=ice-ufrag:gGK7m4LpavQbnELas/P1CoGJ4UF9UlzA\r
    a=ice-pwd:33z0PXff45XaRfNV+MII8EygT71Bmsu0\r
    a=bundle-only\r
    a=mid:application1\r
    a=sctp-port:5000\r
    a=fingerprint:sha-256 04:E8:82:CE:CC:41:B3:69:88:0B:AC:44:7B:83:90:E6:A0:F4:0B:03:2F:01:62:FE:7B:04:12:38:7B:E0:33:77\r

    """

/// A statistics answer of webrtcbin 1.22 as the shim flattens it (taken from a real run).
let statsSample = """
    ice-candidate-local_1_127.0.0.1_50037\ttype\t((GstWebRTCStatsType) GST_WEBRTC_STATS_REMOTE_CANDIDATE)
    ice-candidate-local_1_127.0.0.1_50037\taddress\t127.0.0.1
    ice-candidate-local_1_127.0.0.1_50037\tport\t50037
    ice-candidate-local_1_127.0.0.1_50037\tcandidate-type\thost
    ice-candidate-local_1_127.0.0.1_50037\tprotocol\tudp
    ice-candidate-local_1_127.0.0.1_50037\turl\t
    ice-candidate-remote_1_127.0.0.1_45655\ttype\t((GstWebRTCStatsType) GST_WEBRTC_STATS_LOCAL_CANDIDATE)
    ice-candidate-remote_1_127.0.0.1_45655\taddress\t127.0.0.1
    ice-candidate-remote_1_127.0.0.1_45655\tport\t45655
    ice-candidate-remote_1_127.0.0.1_45655\tcandidate-type\thost
    ice-candidate-remote_1_127.0.0.1_45655\tprotocol\tudp
    ice-candidate-pair_webrtcnicetransport0\ttype\t((GstWebRTCStatsType) GST_WEBRTC_STATS_CANDIDATE_PAIR)
    ice-candidate-pair_webrtcnicetransport0\tlocal-candidate-id\tice-candidate-local_1_127.0.0.1_50037
    ice-candidate-pair_webrtcnicetransport0\tremote-candidate-id\tice-candidate-remote_1_127.0.0.1_45655
    transport-stats_webrtcdtlstransport0\ttype\t((GstWebRTCStatsType) GST_WEBRTC_STATS_TRANSPORT)
    transport-stats_webrtcdtlstransport0\tselected-candidate-pair-id\tice-candidate-pair_webrtcnicetransport0
    rtp-inbound-stream-stats_2567355053\ttype\t((GstWebRTCStatsType) GST_WEBRTC_STATS_INBOUND_RTP)
    rtp-inbound-stream-stats_2567355053\tpackets-received\t10
    rtp-inbound-stream-stats_2567355053\tjitter\t0.002100
    rtp-inbound-stream-stats_2567355053\tbytes-received\t3419
    rtp-inbound-stream-stats_2567355053\tfir-count\t1
    rtp-inbound-stream-stats_2567355053\tpli-count\t2
    rtp-inbound-stream-stats_2567355053\tnack-count\t3
    rtp-inbound-stream-stats_2567355053\tgst-rtpsource-stats\tapplication/x-rtp-source-stats, ssrc=(uint)2567355053, packets-received=(guint64)10, packets-lost=(int)4, jitter=(uint)189;
    malformed line without tabs
    """
