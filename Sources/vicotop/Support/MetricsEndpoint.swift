import Foundation
import Hummingbird
import LiveSession
import Logging
import Metrics
import NIOConcurrencyHelpers
import Prometheus
import ServiceLifecycle

/// Serves Prometheus metrics at `/metrics` for a session manager.
///
/// Counters and the RTT histogram arrive through swift-metrics as things happen; the
/// per-device gauges (ticket seconds left, state, loss, camera present) and the process
/// figures are refreshed from the latest snapshots on each scrape, so they are exact
/// at scrape time without a timer. Labels: `serial` (one per watched camera), `state`
/// (fixed list), `reason` and `result` (fixed lists).
final class MetricsEndpoint: Sendable {
    private let manager: SessionManager
    private let serviceGroup: ServiceGroup
    private let task: Task<Void, Never>
    /// The bound port.
    let port: Int

    /// Bootstraps swift-metrics with Prometheus and starts the HTTP listener.
    static func start(_ address: ListenAddress, manager: SessionManager) async throws -> MetricsEndpoint {
        let registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        // Signaling RTTs run from a millisecond on a LAN to seconds on a bad link.
        factory.defaultDurationHistogramBuckets = [1, 2.5, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000].map {
            Duration.microseconds(Int64($0 * 1000))
        }
        // The first frame of a live view comes within a second on a LAN and in tens of seconds
        // on a camera that wakes up.
        factory.durationHistogramBuckets["vicotop_media_first_frame_seconds"] = [0.25, 0.5, 1, 1.5, 2, 3, 5, 10, 20, 30, 60].map {
            Duration.milliseconds(Int64($0 * 1000))
        }
        MetricsSystem.bootstrap(factory)
        return try await MetricsEndpoint(address: address, manager: manager, registry: registry)
    }

    private init(address: ListenAddress, manager: SessionManager, registry: PrometheusCollectorRegistry) async throws {
        self.manager = manager
        let refresh = GaugeRefresher(registry: registry)
        let router = Router()
        router.get("/metrics") { _, _ -> Response in
            refresh.update(manager.snapshots)
            let body = registry.emitToBuffer()
            return Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                            body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
        }
        var quiet = Logger(label: "vicotop.metrics")
        quiet.logLevel = .critical
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let app = Application(
            router: router, configuration: .init(address: .hostname(address.host, port: address.port), serverName: "vicotop"),
            onServerRunning: { channel in
                continuation.yield(channel.localAddress?.port ?? 0)
                continuation.finish()
            }, logger: quiet)
        let group = ServiceGroup(configuration: .init(services: [app], logger: quiet))
        task = Task {
            do { try await group.run() } catch { continuation.finish() }
        }
        serviceGroup = group
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next(), port > 0 else {
            throw CommandFailure(status: .usage, message: "cannot listen for metrics on \(address)")
        }
        self.port = port
    }

    func stop() async {
        await serviceGroup.triggerGracefulShutdown()
        await task.value
    }
}

/// Sets the snapshot-derived gauges, and removes those of cameras no longer watched.
final class GaugeRefresher: Sendable {
    /// The numeric code of each state in `vicotop_session_state`.
    static let stateCodes: [String: Double] = [
        "idle": 0, "ticket": 1, "connecting": 2, "live": 3, "refreshing": 4, "backoff": 5,
        "offline": 6, "viewer-limit": 7, "unauthorized": 8, "failed": 9, "stopped": 10,
    ]

    private let registry: PrometheusCollectorRegistry
    private let known = NIOLockedValueBox<Set<String>>([])

    init(registry: PrometheusCollectorRegistry) { self.registry = registry }

    /// Help texts of the per-camera gauges, so removal names them as creation did.
    static let help: [String: String] = [
        "vicotop_ticket_seconds_left": "Seconds until the ticket expires (local clock, skew corrected); 0 without a ticket.",
        "vicotop_session_state": "Session state: 0 idle, 1 ticket, 2 connecting, 3 live, 4 refreshing, 5 backoff, 6 offline, 7 viewer-limit, 8 unauthorized, 9 failed, 10 stopped.",
        "vicotop_ping_loss_ratio": "Lost pings in the last 60, as a ratio.",
        "vicotop_camera_present": "1 when the camera is in the signaling group.",
    ]

    private func gauge(_ name: String, _ help: String, _ labels: [(String, String)]) -> Prometheus.Gauge {
        registry.makeGauge(descriptor: MetricNameDescriptor(metricName: name, unitName: "", helpText: help), labels: labels)
    }

    func update(_ snapshots: [DeviceSnapshot]) {
        let now = Date()
        var byState: [String: Int] = Dictionary(uniqueKeysWithValues: Self.stateCodes.keys.map { ($0, 0) })
        for snapshot in snapshots {
            let labels = [("serial", snapshot.serialNumber)]
            gauge("vicotop_ticket_seconds_left", Self.help["vicotop_ticket_seconds_left"]!, labels)
                .set(to: max(0, snapshot.timeLeft(at: now) ?? 0))
            gauge("vicotop_session_state", Self.help["vicotop_session_state"]!, labels)
                .set(to: Self.stateCodes[snapshot.state.word] ?? -1)
            gauge("vicotop_ping_loss_ratio", Self.help["vicotop_ping_loss_ratio"]!, labels)
                .set(to: snapshot.ping.lossPercent / 100)
            gauge("vicotop_camera_present", Self.help["vicotop_camera_present"]!, labels)
                .set(to: snapshot.cameraPresent ? 1 : 0)
            byState[snapshot.state.word, default: 0] += 1
        }
        for (state, count) in byState {
            gauge("vicotop_sessions", "Sessions in each state.", [("state", state)]).set(to: Double(count))
        }
        let (rss, _) = ProcessFigures.residentMiB()
        gauge("process_resident_memory_bytes", "Resident memory size in bytes.", []).set(to: rss * 1_048_576)
        gauge("process_cpu_seconds_total", "User and system CPU time in seconds.", []).set(to: ProcessFigures.cpuSeconds())
        gauge("process_open_fds", "Open file descriptors.", []).set(to: Double(ProcessFigures.openFiles()))
        // Series of cameras that left the watch list go away with them.
        let current = Set(snapshots.map(\.serialNumber))
        let gone = known.withLockedValue { known -> Set<String> in
            defer { known = current }
            return known.subtracting(current)
        }
        for serial in gone {
            for name in ["vicotop_ticket_seconds_left", "vicotop_session_state", "vicotop_ping_loss_ratio", "vicotop_camera_present"] {
                registry.unregisterGauge(gauge(name, Self.help[name] ?? "", [("serial", serial)]))
            }
        }
    }
}
