import Foundation
import Testing
import TestSupport
import VicohomeSimulator

/// `vicotop monitoring rules|grafana`: the rules pass promtool (syntax and unit tests of
/// each alert), and every metric the dashboard graphs is one vicotop really serves.
@Suite("Monitoring files")
struct MonitoringCommandTests {
    /// A folder for the files promtool reads.
    static func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("vicotop-monitoring-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Runs promtool with `arguments` in `folder`: exit status and what it said. It waits on
    /// a thread of its own: blocking one of the two threads of Swift's cooperative pool on a
    /// 2-core machine would stall every other test's tasks meanwhile.
    static func promtool(_ arguments: [String], in folder: URL) async throws -> (Int32, String) {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread { continuation.resume(with: Result { try runPromtool(arguments, in: folder) }) }
        }
    }

    private static func runPromtool(_ arguments: [String], in folder: URL) throws -> (Int32, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(PrometheusServer.promtoolPath, "\(PrometheusServer.missing)"))
        process.arguments = arguments
        process.currentDirectoryURL = folder
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test("promtool check rules and promtool test rules pass on the printed rules",
          .enabled(if: PrometheusServer.shouldRun, "promtool is not installed: apt-get install -y prometheus"))
    func rules() async throws {
        let printed = try await VicotopProcess.run(["monitoring", "rules"])
        #expect(printed.status == 0)
        for alert in ["VicotopCameraNotLive", "VicotopTicketNotRefreshed", "VicotopPingLossHigh", "VicotopLiveViewCheckFailing"] {
            #expect(printed.stdout.contains("alert: \(alert)"))
        }
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try printed.stdout.write(to: folder.appendingPathComponent("vicotop-rules.yml"), atomically: true, encoding: .utf8)
        let (checked, checkOutput) = try await Self.promtool(["check", "rules", "vicotop-rules.yml"], in: folder)
        #expect(checked == 0, "\(checkOutput)")
        #expect(checkOutput.contains("SUCCESS: 4 rules found"), "\(checkOutput)")
        try RuleUnitTests.yaml.write(to: folder.appendingPathComponent("vicotop-rules-test.yml"), atomically: true, encoding: .utf8)
        let (tested, testOutput) = try await Self.promtool(["test", "rules", "vicotop-rules-test.yml"], in: folder)
        #expect(tested == 0, "\(testOutput)")
    }

    @Test("the Grafana dashboard is JSON whose every query names metrics a real scrape serves")
    func grafana() async throws {
        let printed = try await VicotopProcess.run(["monitoring", "grafana"])
        #expect(printed.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(printed.stdout.utf8)) as? [String: Any])
        let panels = try #require(object["panels"] as? [[String: Any]])
        #expect(panels.count >= 8)
        let expressions = panels.flatMap { ($0["targets"] as? [[String: Any]]) ?? [] }.compactMap { $0["expr"] as? String }
        #expect(expressions.count >= panels.count)
        var names = Set<String>()
        for expression in expressions {
            for match in expression.matches(of: /\b(?:vicotop|process)_[a-z_]+/) {
                names.insert(String(match.output).replacing(/_(bucket|count|sum)$/, with: ""))
            }
        }
        let templating = try #require((object["templating"] as? [String: Any])?["list"] as? [[String: Any]])
        #expect(templating.first?["definition"] as? String == "label_values(vicotop_shard_info, shard)")
        names.insert("vicotop_shard_info")

        // Every name must be served: the lossy camera loses 15 % of its pings (one every half
        // second here, so some are lost within seconds), and live-view checks every 10 s give
        // verdicts (ok, failed, or unavailable without GStreamer: a verdict all the same); the
        // camera whose viewer limit is reached reconnects.
        var configuration = SimulatorConfiguration()
        configuration.pingInterval = .milliseconds(500)
        let simulator = VicohomeSimulator(configuration: configuration)
        try await simulator.start()
        defer { Task { await simulator.stop() } }
        let (process, announced) = try await VicotopProcess.startWithMetrics(
            ["watch", "--jsonl", "--no-ice", "--duration", "120", "--metrics-listen", "127.0.0.1:0", "--shard", "1/1",
             "--media-check-interval", "10", "--device", "VDCA1P2410000131", "--device", Self.lossyCamera, "--device", "VDCA1P2407005563",
             "--api-base", simulator.baseURL.absoluteString, "--token", simulator.token.exposedValue],
            environment: VicotopProcess.isolatedEnvironment)
        defer { if process.isRunning { process.terminate(); process.waitUntilExit() } }
        let port = try #require(announced, "watch did not name its metrics address")
        let text = try await MetricsEndpointTests.scrape(port: port, for: .seconds(90)) { text in
            names.allSatisfy { text.contains("# TYPE \($0) ") }
        }
        let missing = names.filter { !text.contains("# TYPE \($0) ") }.sorted()
        #expect(missing.isEmpty, "graphed but not served: \(missing)")
        #expect(text.contains(#"vicotop_shard_info{shard="1",shards="1"} 1"#))
    }

    /// The demo camera with slow and lossy pings.
    static let lossyCamera = "VDBF3R2402002218"
}
