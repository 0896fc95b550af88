import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import TestSupport
import Testing
import VicohomeAPI

/// `vicotop simulate` in one process and `vicotop ticket` in another, as the README shows.
@Suite("vicotop simulate")
struct SimulateCommandTests {
    @Test("prints its base URL, token and serials; serves tickets to another process; stops on SIGTERM")
    func simulateThenTicket() async throws {
        let (process, banner) = try await Self.simulate(["--ticket-lifetime", "60"])
        defer { if process.isRunning { process.terminate() } }
        let base = try #require(banner.split(separator: "\n").first { $0.contains("API base URL") }?
            .split(separator: " ").last.map(String.init))
        let token = try #require(banner.split(separator: "\n").first { $0.contains("demo token") }?
            .split(separator: " ").last.map(String.init))
        #expect(banner.contains("VDCA1P2410000131"))
        #expect(base.hasPrefix("http://127.0.0.1:"))

        let ticket = try await VicotopProcess.run(["--api-base", base, "--token", token, "ticket", "VDCA1P2410000131", "--json"])
        #expect(ticket.status == 0, "stderr: \(ticket.stderr)")
        #expect(ContractSchema.ticket.problems(in: ticket.stdout) == [])
        let decoded = try #require(try JSONSerialization.jsonObject(with: Data(ticket.stdout.utf8)) as? [String: Any])
        #expect(abs((decoded["lifetimeSeconds"] as? Double ?? 0) - 60) < 0.1, "the simulator reads its clock twice: for the expiry, then for the server time")
        let urls = (decoded["iceServers"] as? [[String: Any]] ?? []).compactMap { ($0["urls"] as? [String])?.first }
        #expect(urls.first?.hasPrefix("stun:127.0.0.1:") == true, "the simulator's own STUN server comes first")

        process.terminate()
        // A guard against a hang, not a measure of how fast it stops.
        let stopped = try await eventually(timeout: .seconds(30)) { !process.isRunning }
        #expect(stopped)
        #expect(process.terminationStatus == 0)
    }

    @Test("--turn puts an external TURN server into every ticket, credentials masked in output")
    func turnOption() async throws {
        let (process, banner) = try await Self.simulate(["--turn", "turn:127.0.0.1:3478?transport=udp", "--turn-user", "alice",
                                                         "--turn-credential", "s3cret-credential-value"])
        defer { if process.isRunning { process.terminate() } }
        #expect(banner.contains("TURN          turn:127.0.0.1:3478?transport=udp"))
        #expect(!banner.contains("s3cret-credential-value"))
        let base = try #require(banner.split(separator: "\n").first { $0.contains("API base URL") }?.split(separator: " ").last.map(String.init))
        let ticket = try await VicotopProcess.run(["--api-base", base, "--token", "demo-token-0123456789abcdef", "ticket", "VDCA1P2410000131", "--json"])
        #expect(ContractSchema.ticket.problems(in: ticket.stdout) == [])
        let decoded = try #require(try JSONSerialization.jsonObject(with: Data(ticket.stdout.utf8)) as? [String: Any])
        let servers = decoded["iceServers"] as? [[String: Any]] ?? []
        #expect((servers.last?["urls"] as? [String])?.first == "turn:127.0.0.1:3478?transport=udp")
        #expect((servers.last?["credential"] as? String)?.contains("…(") == true, "the TURN credential shows masked")
        #expect(!ticket.stdout.contains("s3cret-credential-value"))
        let invalid = try await VicotopProcess.run(["simulate", "--turn", "stun:127.0.0.1"])
        #expect(invalid.status == 64)
    }

    @Test("--chaos injects faults at the given rate with the seed, counted at /simulator/counters")
    func chaos() async throws {
        let (process, banner) = try await Self.simulate(["--chaos", "30", "--seed", "9"])
        defer { if process.isRunning { process.terminate() } }
        #expect(banner.contains("chaos         30.0 faults/s, seed 9"))
        let base = try #require(banner.split(separator: "\n").first { $0.contains("API base URL") }?.split(separator: " ").last.map(String.init))
        var faults: [String: Int] = [:]
        let deadline = ContinuousClock.now + .seconds(10)
        while faults.values.reduce(0, +) < 5 && ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(200))
            let (data, _) = try await URLSession.shared.data(from: URL(string: base + "/simulator/counters")!)
            let counters = try JSONSerialization.jsonObject(with: data) as? [String: Any]
            faults = counters?["chaosFaults"] as? [String: Int] ?? [:]
        }
        #expect(faults.values.reduce(0, +) >= 5, "faults counted: \(faults)")

        let refused = try await VicotopProcess.run(["simulate", "--chaos", "0"])
        #expect(refused.status == 64)
        #expect(refused.stderr.contains("--chaos must be between 0 and 100"))
    }

    /// `vicotop simulate` printed no banner in time.
    struct BannerMissing: Error, CustomStringConvertible {
        var arguments: [String]
        var banner: String
        var description: String { "vicotop simulate \(arguments.joined(separator: " ")) printed no banner: \(banner)" }
    }

    /// Starts `vicotop simulate` with `arguments` and reads its banner, which ends with the
    /// Ctrl-C hint (or with the process).
    static func simulate(_ arguments: [String]) async throws -> (Process, String) {
        let process = Process()
        process.executableURL = VicotopProcess.binary
        process.arguments = ["simulate"] + arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = Pipe()
        try process.run()
        let banner = await VicotopProcess.read(out.fileHandleForReading, timeout: .seconds(60)) { $0.contains("Ctrl-C") }
        guard banner.contains("Ctrl-C") else {
            // Stuck or gone before its banner: end it here rather than leave it to the suite.
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            throw BannerMissing(arguments: arguments, banner: banner)
        }
        return (process, banner)
    }
}
