import Foundation
import Testing
import TestSupport
import VicohomeSimulator

/// A real Prometheus scrapes two sharded `vicotop watch` instances that share one
/// simulated fleet: the shards' live counts add up to the fleet's, no camera is watched
/// twice, none is missed, and the shipped alerting rules load and evaluate.
@Suite("A real Prometheus over two shards", .serialized, .enabled(if: PrometheusServer.shouldRun, "prometheus is not installed: apt-get install -y prometheus"))
struct PrometheusShardTests {
    static let fleetSize = 20

    @Test("sum(vicotop_sessions{state=\"live\"}) is the fleet's live count, and every camera is in exactly one shard")
    func twoShards() async throws {
        try #require(PrometheusServer.prometheusPath != nil, "\(PrometheusServer.missing)")
        let started = ContinuousClock.now
        var configuration = SimulatorConfiguration()
        configuration.devices = (0..<Self.fleetSize).map { SimulatedDevice.generated(index: $0) }
        configuration.pingInterval = .seconds(1)
        let simulator = VicohomeSimulator(configuration: configuration)
        try await simulator.start()
        defer { Task { await simulator.stop() } }

        // One shard named before the subcommand and one after: both places are the contract.
        let account = ["--api-base", simulator.baseURL.absoluteString, "--token", simulator.token.exposedValue]
        let watch = ["--jsonl", "--no-ice", "--duration", "180", "--metrics-listen", "127.0.0.1:0"]
        let (first, firstPort) = try await VicotopProcess.startWithMetrics(["--shard", "1/2", "watch"] + watch + account, environment: VicotopProcess.isolatedEnvironment)
        defer { if first.isRunning { first.terminate(); first.waitUntilExit() } }
        let (second, secondPort) = try await VicotopProcess.startWithMetrics(["watch", "--shard", "2/2"] + watch + account, environment: VicotopProcess.isolatedEnvironment)
        defer { if second.isRunning { second.terminate(); second.waitUntilExit() } }
        let ports = [try #require(firstPort, "shard 1/2 did not name its metrics address"),
                     try #require(secondPort, "shard 2/2 did not name its metrics address")]

        let rules = try await VicotopProcess.run(["monitoring", "rules"])
        #expect(rules.status == 0)
        let prometheus = try await PrometheusServer(config: """
            global:
              scrape_interval: 1s
              evaluation_interval: 1s
            rule_files: [vicotop-rules.yml]
            scrape_configs:
              - job_name: vicotop
                static_configs:
                  - targets: ["127.0.0.1:\(ports[0])", "127.0.0.1:\(ports[1])"]
            """, files: ["vicotop-rules.yml": rules.stdout])
        defer { prometheus.terminate() }

        // Polls with a generous guard: the figure is what is asserted, not how soon it comes.
        var live = -1.0
        let deadline = ContinuousClock.now + .seconds(90)
        while ContinuousClock.now < deadline {
            if let result = await prometheus.query(#"sum(vicotop_sessions{state="live"})"#), let value = result.first?.value {
                live = value
                if Int(value) == Self.fleetSize { break }
            }
            try await Task.sleep(for: .milliseconds(500))
        }
        #expect(Int(live) == Self.fleetSize, "live sessions over both shards; prometheus log: \(prometheus.log)")

        let twice = await prometheus.query("count by (serial) (vicotop_session_state) > 1")
        #expect(twice?.isEmpty == true, "cameras watched by both shards: \(twice.map { $0.map { $0.labels } } ?? [])")
        let cameras = await prometheus.query("count(count by (serial) (vicotop_session_state))")
        #expect(cameras?.first.map { Int($0.value) } == Self.fleetSize, "the shards together cover the fleet")
        let perShard = await prometheus.query("count by (shard) (vicotop_session_state * on (instance, job) group_left (shard) vicotop_shard_info)") ?? []
        #expect(Set(perShard.compactMap { $0.labels["shard"] }) == ["1", "2"], "both shards watch some cameras: \(perShard)")
        #expect(perShard.map { $0.value }.reduce(0, +) == Double(Self.fleetSize))
        let info = await prometheus.query("vicotop_shard_info") ?? []
        #expect(Set(info.map { "\($0.labels["shard"] ?? "?")/\($0.labels["shards"] ?? "?")" }) == ["1/2", "2/2"])

        // The shipped rules load in a real server and evaluate without error; a healthy fleet fires none.
        var health: [String] = []
        let rulesDeadline = ContinuousClock.now + .seconds(30)
        while ContinuousClock.now < rulesDeadline {
            health = await Self.ruleHealth(prometheus)
            if !health.isEmpty, health.allSatisfy({ $0 != "unknown" }) { break }
            try await Task.sleep(for: .milliseconds(500))
        }
        #expect(health == ["ok", "ok", "ok", "ok"], "rule health")
        let firing = try #require(await prometheus.query("ALERTS"), "Prometheus did not answer the ALERTS query")
        #expect(firing.isEmpty, "alerts on a healthy fleet: \(firing.map { $0.labels })")
        print("Prometheus over two shards: \(ContinuousClock.now - started) from start to checked")
    }

    /// The health of every loaded rule, from `/api/v1/rules`.
    static func ruleHealth(_ prometheus: PrometheusServer) async -> [String] {
        guard let (status, body) = try? await prometheus.get("/api/v1/rules"), status == 200,
              let object = try? JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any],
              let data = object["data"] as? [String: Any], let groups = data["groups"] as? [[String: Any]]
        else { return [] }
        return groups.flatMap { ($0["rules"] as? [[String: Any]]) ?? [] }.map { $0["health"] as? String ?? "?" }
    }
}
