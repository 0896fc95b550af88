import Foundation
@testable import LiveMedia
import TestSupport

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
