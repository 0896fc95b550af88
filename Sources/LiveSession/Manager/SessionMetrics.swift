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

    /// One camera's ping meters, made once when the camera is added: looking a metric up by
    /// label and serial at every ping costs the backend a lock and a hash (and an allocation
    /// even without a backend), thousands of times a second for a large fleet.
    struct PingMeters: Sendable {
        let rtt: Metrics.Timer
        let lost: Counter

        /// With `lost`, the loss ratio over any window (the alert's 20 %).
        let sent: Counter

        init(serial: String) {
            rtt = Metrics.Timer(label: "vicotop_ping_rtt_seconds", dimensions: [("serial", serial)])
            lost = Counter(label: "vicotop_pings_lost_total", dimensions: [("serial", serial)])
            sent = Counter(label: "vicotop_pings_sent_total", dimensions: [("serial", serial)])
        }

        func answered(rtt: Duration) { self.rtt.recordNanoseconds(rtt.inNanoseconds) }
        func lostOne() { lost.increment() }
        func sentOne() { sent.increment() }
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
