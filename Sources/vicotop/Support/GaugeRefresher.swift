import Foundation
import LiveSession
import NIOConcurrencyHelpers
import Prometheus

/// Sets the snapshot-derived gauges on each scrape, and removes the series of cameras no
/// longer watched.
final class GaugeRefresher: Sendable {
    /// The numeric code of each state in `vicotop_session_state`.
    static let stateCodes: [String: Double] = [
        "idle": 0, "ticket": 1, "connecting": 2, "live": 3, "refreshing": 4, "backoff": 5,
        "offline": 6, "viewer-limit": 7, "unauthorized": 8, "failed": 9, "stopped": 10,
    ]

    /// Help texts of the per-camera gauges, so removal names them as creation did.
    static let help: [String: String] = [
        "vicotop_ticket_seconds_left": "Seconds until the ticket expires (local clock, skew corrected); 0 without a ticket.",
        "vicotop_ticket_expiry_timestamp_seconds": "Unix time the ticket expires (local clock, skew corrected); 0 without a ticket.",
        "vicotop_ticket_refresh_timestamp_seconds": "Unix time the ticket is due to be replaced (expiry minus the refresh margin); 0 without a ticket.",
        "vicotop_session_state": "Session state: 0 idle, 1 ticket, 2 connecting, 3 live, 4 refreshing, 5 backoff, 6 offline, 7 viewer-limit, 8 unauthorized, 9 failed, 10 stopped.",
        "vicotop_session_live": "1 while the session is live (or live and refreshing its ticket), else 0.",
        "vicotop_ping_loss_ratio": "Lost pings in the last 60, as a ratio.",
        "vicotop_camera_present": "1 when the camera is in the signaling group.",
        "vicotop_media_check_ok": "The last live-view check: 1 passed, 0 failed or unavailable; absent before the first verdict.",
    ]

    /// Per-camera counters from the session manager, removed with the camera too. (Those
    /// with more labels than `serial` keep their series: their label values are not known here.)
    static let perCameraCounters = ["vicotop_pings_sent_total", "vicotop_pings_lost_total"]

    private let registry: PrometheusCollectorRegistry
    private let planner: RefreshPlanner
    private let known = NIOLockedValueBox<Set<String>>([])

    init(registry: PrometheusCollectorRegistry, shard: Shard, planner: RefreshPlanner) {
        self.registry = registry
        self.planner = planner
        // Constant for the life of the process: which part of the fleet this instance watches.
        registry.makeGauge(
            descriptor: MetricNameDescriptor(metricName: "vicotop_shard_info", unitName: "",
                                             helpText: "Always 1: the shard this instance watches, K of N (1 of 1 when not sharded)."),
            labels: [("shard", String(shard.index)), ("shards", String(shard.count))]
        ).set(to: 1)
    }

    private func gauge(_ name: String, _ labels: [(String, String)]) -> Prometheus.Gauge {
        registry.makeGauge(descriptor: MetricNameDescriptor(metricName: name, unitName: "", helpText: Self.help[name] ?? ""), labels: labels)
    }

    func update(_ snapshots: [DeviceSnapshot]) {
        let now = Date()
        var byState: [String: Int] = Dictionary(uniqueKeysWithValues: Self.stateCodes.keys.map { ($0, 0) })
        for snapshot in snapshots {
            let labels = [("serial", snapshot.serialNumber)]
            gauge("vicotop_ticket_seconds_left", labels).set(to: max(0, snapshot.timeLeft(at: now) ?? 0))
            let expiry = snapshot.ticket?.expiresAt
            let refresh = snapshot.ticket.map { $0.expiresAt.addingTimeInterval(-planner.margin(lifetime: $0.lifetime)) }
            gauge("vicotop_ticket_expiry_timestamp_seconds", labels).set(to: expiry?.timeIntervalSince1970 ?? 0)
            gauge("vicotop_ticket_refresh_timestamp_seconds", labels).set(to: refresh?.timeIntervalSince1970 ?? 0)
            gauge("vicotop_session_state", labels).set(to: Self.stateCodes[snapshot.state.word] ?? -1)
            gauge("vicotop_session_live", labels).set(to: snapshot.state.isLive ? 1 : 0)
            gauge("vicotop_ping_loss_ratio", labels).set(to: snapshot.ping.lossPercent / 100)
            gauge("vicotop_camera_present", labels).set(to: snapshot.cameraPresent ? 1 : 0)
            // Kept at the last verdict while the next check runs.
            if let verdict = snapshot.media.verdict {
                let ok: Bool = if case .ok = verdict { true } else { false }
                gauge("vicotop_media_check_ok", labels).set(to: ok ? 1 : 0)
            }
            byState[snapshot.state.word, default: 0] += 1
        }
        for (state, count) in byState {
            registry.makeGauge(descriptor: MetricNameDescriptor(metricName: "vicotop_sessions", unitName: "", helpText: "Sessions in each state."),
                               labels: [("state", state)]).set(to: Double(count))
        }
        let (rss, _) = ProcessFigures.residentMiB()
        processGauge("process_resident_memory_bytes", "Resident memory size in bytes.").set(to: rss * 1_048_576)
        processGauge("process_cpu_seconds_total", "User and system CPU time in seconds.").set(to: ProcessFigures.cpuSeconds())
        processGauge("process_open_fds", "Open file descriptors.").set(to: Double(ProcessFigures.openFiles()))
        removeGone(current: Set(snapshots.map(\.serialNumber)))
    }

    private func processGauge(_ name: String, _ help: String) -> Prometheus.Gauge {
        registry.makeGauge(descriptor: MetricNameDescriptor(metricName: name, unitName: "", helpText: help), labels: [])
    }

    /// Series of cameras that left the watch list go away with them.
    private func removeGone(current: Set<String>) {
        let gone = known.withLockedValue { known -> Set<String> in
            defer { known = current }
            return known.subtracting(current)
        }
        for serial in gone {
            let labels = [("serial", serial)]
            for name in Self.help.keys { registry.unregisterGauge(gauge(name, labels)) }
            // The manager's counters are registered without help text; asking with none finds them.
            for name in Self.perCameraCounters {
                registry.unregisterCounter(registry.makeCounter(descriptor: MetricNameDescriptor(metricName: name, unitName: "", helpText: ""), labels: labels))
            }
        }
    }
}
