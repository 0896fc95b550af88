import Metrics

/// What the session manager reports through swift-metrics; the embedding program picks
/// the backend (vicotop: Prometheus). Without a backend these calls cost next to nothing.
///
/// Labels are bounded: `serial` (one per watched camera), `reason` (``BackoffReason``
/// plus `manual`) and `result` (a fixed list). No traceId ever becomes a label, since
/// every ticket would make a new series.
enum SessionMetrics {
    static func ticketRequest(serial: String, result: String) {
        Counter(label: "vicotop_ticket_requests_total", dimensions: [("serial", serial), ("result", result)]).increment()
    }

    static func reconnect(serial: String, reason: String) {
        Counter(label: "vicotop_reconnects_total", dimensions: [("serial", serial), ("reason", reason)]).increment()
    }

    static func pingAnswered(serial: String, rtt: Duration) {
        Metrics.Timer(label: "vicotop_ping_rtt_seconds", dimensions: [("serial", serial)]).recordNanoseconds(rtt.inNanoseconds)
    }

    /// With ``pingLost(serial:)``, the loss ratio over any window (the alert's 20 %).
    static func pingSent(serial: String) {
        Counter(label: "vicotop_pings_sent_total", dimensions: [("serial", serial)]).increment()
    }

    static func pingLost(serial: String) {
        Counter(label: "vicotop_pings_lost_total", dimensions: [("serial", serial)]).increment()
    }

    // MARK: Live views. `result` is ok, failed or unavailable; `phase` one of the verdict's
    // short phase names (answer, ICE, DTLS, data channel, startLive, video, session) or "".

    static func mediaCheck(serial: String, result: String, phase: String) {
        Counter(label: "vicotop_media_checks_total", dimensions: [("serial", serial), ("result", result), ("phase", phase)]).increment()
    }

    static func mediaFirstFrame(ms: Int) {
        Metrics.Timer(label: "vicotop_media_first_frame_seconds").recordMilliseconds(ms)
    }

    static func mediaPath(serial: String, code: Int) {
        Gauge(label: "vicotop_media_path", dimensions: [("serial", serial)]).record(code)
    }

    static func mediaFigures(serial: String, fps: Double, bitrateBps: Double, newlyLost: Int) {
        Gauge(label: "vicotop_media_fps", dimensions: [("serial", serial)]).record(fps)
        Gauge(label: "vicotop_media_bitrate_bps", dimensions: [("serial", serial)]).record(bitrateBps)
        if newlyLost > 0 {
            Counter(label: "vicotop_media_packets_lost_total", dimensions: [("serial", serial)]).increment(by: newlyLost)
        }
    }
}
