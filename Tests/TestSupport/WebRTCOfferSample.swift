/// An offer as webrtcbin 1.22 made it on this machine, before vicotop munges it
/// (no `a=sctpmap`, `a=setup:actpass`): what real cameras ignore until it is munged.
public let webrtcbinOfferSample = """
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
