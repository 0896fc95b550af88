import Foundation
import Testing
import TestSupport
import VicohomeAPI
import VicohomeSimulator

/// `vicotop watch` and `vicotop status --once` as scripts run them.
@Suite("watch and status as subprocesses")
struct WatchStatusCommandTests {
    func withSimulator(_ body: (VicohomeSimulator, [String]) async throws -> Void) async throws {
        let simulator = VicohomeSimulator()
        try await simulator.start()
        do {
            try await body(simulator, ["--api-base", simulator.baseURL.absoluteString, "--token", simulator.token.exposedValue])
        } catch {
            await simulator.stop()
            throw error
        }
        await simulator.stop()
    }

    @Test("watch --jsonl prints one JSON object per line: events and snapshots, no secrets")
    func jsonl() async throws {
        try await withSimulator { simulator, account in
            let result = try await VicotopProcess.run(account + ["watch", "--jsonl", "--duration", "3", "--interval", "1", "--no-ice"])
            #expect(result.status == 0, "stderr: \(result.stderr)")
            let lines = result.stdout.split(separator: "\n")
            #expect(lines.count > 10)
            var kinds = Set<String>()
            var snapshots = 0
            for line in lines {
                let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "not JSON: \(line)")
                switch object["type"] as? String {
                case "event":
                    #expect(ContractSchema.watchEvent.problems(in: line) == [], "\(line)")
                    #expect(object["serialNumber"] is String)
                    #expect(object["at"] is String)
                    #expect(object["message"] is String)
                    kinds.insert(object["kind"] as? String ?? "")
                case "snapshot":
                    snapshots += 1
                    #expect(ContractSchema.watchSnapshot.problems(in: line) == [], "\(line)")
                    #expect((object["devices"] as? [Any])?.count == DemoFleet.devices.count)
                default:
                    Issue.record("unexpected line \(line)")
                }
            }
            #expect(kinds.isSuperset(of: ["stateChanged", "ticketReceived", "socketOpened", "cameraJoined", "ticketFailed"]))
            #expect(snapshots >= 2)
            #expect(!result.stdout.contains(simulator.token.exposedValue))
        }
    }

    @Test("watch on a pipe without a mode says how to pick one")
    func noMode() async throws {
        let result = try await VicotopProcess.run(["watch"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("vicotop watch --jsonl"))
    }

    @Test("status --once exits 0 when all are live, 1 when some are degraded, 2 when some failed; its JSON's states are words")
    func exitCodes() async throws {
        try await withSimulator { _, account in
            let healthy = try await VicotopProcess.run(account + ["status", "--once", "--device", "VDCA1P2410000131"])
            #expect(healthy.status == 0, "stdout: \(healthy.stdout) stderr: \(healthy.stderr)")
            #expect(healthy.stdout.contains("live"))
            let offline = try await VicotopProcess.run(account + ["status", "--once", "--device", "VDCA1P2311004420"])
            #expect(offline.status == 1)
            #expect(offline.stdout.contains("offline"))
            let fleet = try await VicotopProcess.run(account + ["status", "--once", "--json"])
            #expect(fleet.status == 2, "the demo fleet has a camera whose serial is refused")
            #expect(ContractSchema.fleet.problems(in: fleet.stdout) == [], "\(fleet.stdout)")
            let object = try #require(try JSONSerialization.jsonObject(with: Data(fleet.stdout.utf8)) as? [String: Any])
            #expect(object["failed"] as? Int == 1)
            #expect((object["devices"] as? [Any])?.count == DemoFleet.devices.count)

            // A state is a plain word with reason, retryAt and failure beside it.
            let devices = try #require(object["devices"] as? [[String: Any]])
            func device(_ serial: String) -> [String: Any]? { devices.first { $0["serialNumber"] as? String == serial } }
            let live = try #require(device("VDCA1P2410000131"))
            #expect(live["state"] as? String == "live" && live["health"] as? String == "ok")
            #expect(live["reason"] is NSNull && live["retryAt"] is NSNull && live["failure"] is NSNull)
            let waiting = try #require(device("VDCA1P2311004420"))
            #expect(waiting["state"] as? String == "backingOff", "\(waiting)")
            #expect(waiting["reason"] as? String == "offline")
            #expect((waiting["retryAt"] as? String).flatMap { try? Date($0, strategy: .iso8601) } != nil)
            let failed = try #require(devices.first { $0["state"] as? String == "failed" })
            #expect((failed["failure"] as? String)?.isEmpty == false, "\(failed)")
        }
    }
}
