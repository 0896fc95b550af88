import Foundation
import Hummingbird
import LiveSession
import Logging
import Metrics
import Prometheus
import ServiceLifecycle

/// Serves Prometheus metrics at `/metrics` for a session manager.
///
/// Counters and the RTT histogram arrive through swift-metrics as things happen; the
/// per-device gauges (ticket times, state, loss, camera present, last live-view verdict)
/// and the process figures are refreshed from the latest snapshots on each scrape (see
/// ``GaugeRefresher``), so they are exact at scrape time without a timer. Labels: `serial`
/// (one per watched camera), `state` (fixed list), `reason` and `result` (fixed lists),
/// `shard` and `shards` (one pair per process).
final class MetricsEndpoint: Sendable {
    private let manager: SessionManager
    private let serviceGroup: ServiceGroup
    private let task: Task<Void, Never>
    /// The bound port.
    let port: Int

    /// Bootstraps swift-metrics with Prometheus and starts the HTTP listener.
    ///
    /// `shard` is published as `vicotop_shard_info`; `planner` dates each ticket's planned
    /// refresh (`vicotop_ticket_refresh_timestamp_seconds`) as the manager plans it.
    static func start(_ address: ListenAddress, manager: SessionManager, shard: Shard = .whole,
                      planner: RefreshPlanner = RefreshPlanner()) async throws -> MetricsEndpoint {
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
        return try await MetricsEndpoint(address: address, manager: manager,
                                          refresher: GaugeRefresher(registry: registry, shard: shard, planner: planner), registry: registry)
    }

    private init(address: ListenAddress, manager: SessionManager, refresher refresh: GaugeRefresher,
                 registry: PrometheusCollectorRegistry) async throws {
        self.manager = manager
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
