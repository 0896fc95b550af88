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

    static func pingLost(serial: String) {
        Counter(label: "vicotop_pings_lost_total", dimensions: [("serial", serial)]).increment()
    }
}
