import Foundation
import Testing
import TestSupport
import VicohomeAPI
import VicohomeSimulator

/// `vicotop probe` as a user runs it, against the simulator's STUN server and a real coturn.
@Suite(
    "vicotop probe",
    .serialized,
    .enabled(if: CoturnServer.isInstalled, "turnserver (coturn) is not installed: apt-get install -y coturn"))
struct ProbeCommandTests {
    @Test("a bare TURN server: the right password allocates a relay, a wrong one is reported, a dead port is unreachable")
    func bareServer() async throws {
        let coturn = try await CoturnServer()
        defer { coturn.terminate() }
        let good = try await VicotopProcess.run([
            "probe", "--ice-server", "turn:127.0.0.1:\(coturn.port)?transport=udp",
            "--username", CoturnServer.username, "--credential", CoturnServer.password,
        ])
        #expect(good.status == 0, "stderr: \(good.stderr)")
        #expect(good.stdout.contains("ok      turn:127.0.0.1:\(coturn.port)?transport=udp"))
        #expect(good.stdout.contains("relayed 127.0.0.1:"))
        #expect(good.stdout.contains("relay "))
        #expect(!good.stdout.contains(CoturnServer.password))

        let wrong = try await VicotopProcess.run(
            ["probe", "--ice-server", "turn:127.0.0.1:\(coturn.port)?transport=tcp", "--username", CoturnServer.username],
            environment: ["VICOTOP_TURN_CREDENTIAL": "not-the-password"])
        #expect(wrong.status == 5)
        #expect(wrong.stdout.contains("authentication failed"))

        // Nothing may be bound there for the ICMP to come back, so the port cannot be held:
        // another test taking it meanwhile shows as no answer, and is retried elsewhere.
        func firstServer(_ result: VicotopProcess.Result) -> [String: Any]? {
            let report = try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
            return (report?["servers"] as? [[String: Any]])?.first
        }
        let dead = try await FreePort.retryingOnClash(until: { firstServer($0)?["error"] as? String == "unreachable" }) { port in
            try await VicotopProcess.run(["probe", "--ice-server", "stun:127.0.0.1:\(port)", "--json", "--probe-timeout", "2"])
        }
        #expect(dead.status == 5)
        #expect(ContractSchema.probe.problems(in: dead.stdout) == [], "\(dead.stdout)")
        #expect(firstServer(dead)?["status"] as? String == "failed")
        #expect(firstServer(dead)?["error"] as? String == "unreachable")
    }

    @Test("a camera's ticket: the simulator's STUN and an external TURN both answer; candidates and VPN are reported")
    func ticketServers() async throws {
        let coturn = try await CoturnServer()
        defer { coturn.terminate() }
        var configuration = SimulatorConfiguration()
        configuration.extraICEServers = [ICEServer(
            url: "turn:127.0.0.1:\(coturn.port)?transport=udp",
            username: Secret(CoturnServer.username), credential: Secret(CoturnServer.password))]
        let simulator = VicohomeSimulator(configuration: configuration)
        try await simulator.start()
        defer { Task { await simulator.stop() } }
        let result = try await VicotopProcess.run([
            "--api-base", simulator.baseURL.absoluteString, "--token", simulator.token.exposedValue,
            "probe", "VDCA1P2410000131", "--json",
        ])
        #expect(result.status == 0, "stdout: \(result.stdout) stderr: \(result.stderr)")
        #expect(!result.stdout.contains(CoturnServer.password))
        #expect(ContractSchema.probe.problems(in: result.stdout) == [], "\(result.stdout)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect((report["traceId"] as? String)?.hasPrefix("webrtc-") == true)
        let servers = try #require(report["servers"] as? [[String: Any]])
        #expect(servers.map { $0["url"] as? String } == [simulator.stunURL, "turn:127.0.0.1:\(coturn.port)?transport=udp"])
        #expect(servers.allSatisfy { $0["status"] as? String == "ok" })
        let candidates = try #require(report["candidates"] as? [[String: Any]])
        let types = Set(candidates.compactMap { $0["type"] as? String })
        #expect(types.isSuperset(of: ["srflx", "relay"]))
        #expect(candidates.allSatisfy { ($0["line"] as? String)?.hasPrefix("candidate:") == true })
        #expect(report["vpn"] is [String: Any])
        await simulator.stop()
    }
}
