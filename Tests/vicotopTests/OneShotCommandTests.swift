import Foundation
import Testing
import TestSupport
import VicohomeAPI
import VicohomeSimulator

/// `vicotop ticket` and `vicotop devices` as a user runs them, against a simulator on loopback.
@Suite("One-shot commands as subprocesses")
struct OneShotCommandTests {
    static let healthy = "VDCA1P2410000131"

    func withSimulator(style: WireStyle = .seed, _ body: (VicohomeSimulator, [String]) async throws -> Void) async throws {
        var configuration = SimulatorConfiguration()
        configuration.wireStyle = style
        let simulator = VicohomeSimulator(configuration: configuration)
        try await simulator.start()
        do {
            try await body(simulator, ["--api-base", simulator.baseURL.absoluteString])
        } catch {
            await simulator.stop()
            throw error
        }
        await simulator.stop()
    }

    @Test("ticket prints the ticket readably with secrets masked; global options after the subcommand work")
    func ticketReadable() async throws {
        try await withSimulator { simulator, base in
            let token = simulator.token.exposedValue
            let result = try await VicotopProcess.run(["ticket", Self.healthy] + base + ["--token", token])
            #expect(result.status == 0, "stderr: \(result.stderr)")
            #expect(result.stdout.contains("WebRTC ticket for \(Self.healthy)"))
            #expect(result.stdout.contains("traceId"))
            #expect(result.stdout.contains("(20 chars)"), "sign shown masked")
            #expect(!result.stdout.contains(token))
            #expect(!result.stderr.contains(token))
        }
    }

    @Test("ticket --json parses, masks secrets, and reveals them only with --reveal-secrets", arguments: WireStyle.allCases)
    func ticketJSON(style: WireStyle) async throws {
        try await withSimulator(style: style) { simulator, base in
            let masked = try await VicotopProcess.run(base + ["--token", simulator.token.exposedValue, "ticket", Self.healthy, "--json"])
            #expect(masked.status == 0, "stderr: \(masked.stderr)")
            #expect(ContractSchema.ticket.problems(in: masked.stdout) == [], "\(masked.stdout)")
            let ticket = try #require(try JSONSerialization.jsonObject(with: Data(masked.stdout.utf8)) as? [String: Any])
            #expect((ticket["traceId"] as? String)?.hasPrefix("webrtc-") == true)
            #expect(ticket["serialNumber"] as? String == Self.healthy)
            #expect((ticket["sign"] as? String)?.contains("…(") == true, "sign is masked in JSON")
            let revealed = try await VicotopProcess.run(
                base + ["ticket", Self.healthy, "--json", "--reveal-secrets"],
                environment: ["VICOHOME_TOKEN": simulator.token.exposedValue])
            #expect(revealed.status == 0)
            #expect(ContractSchema.ticket.problems(in: revealed.stdout) == [])
            let clear = try #require(try JSONSerialization.jsonObject(with: Data(revealed.stdout.utf8)) as? [String: Any])
            let sign = try #require(clear["sign"] as? String)
            #expect(!sign.contains("…("))
            #expect(sign.count == 20)
        }
    }

    @Test("devices lists the fleet as a table and as JSON; --token-file works")
    func devices() async throws {
        try await withSimulator { simulator, base in
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("vicotop-token-\(UUID().uuidString)")
            try (simulator.token.exposedValue + "\n").write(to: file, atomically: true, encoding: .utf8)
            defer { try? FileManager.default.removeItem(at: file) }
            let table = try await VicotopProcess.run(["--token-file", file.path, "devices"] + base)
            #expect(table.status == 0, "stderr: \(table.stderr)")
            for device in DemoFleet.devices { #expect(table.stdout.contains(device.serialNumber)) }
            #expect(table.stdout.contains("\(DemoFleet.devices.count) devices"))
            let json = try await VicotopProcess.run(base + ["devices", "--json", "--token-file", file.path])
            #expect(ContractSchema.devices.problems(in: json.stdout) == [], "\(json.stdout)")
            let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
            let devices = object["devices"] as? [[String: Any]] ?? []
            #expect(devices.compactMap { $0["serialNumber"] as? String } == DemoFleet.devices.map(\.serialNumber))
        }
    }

    @Test("exit codes: 4 for 101 and 102, 3 for a bad or missing token, 5 for 5xx and unreachable, 64 for usage")
    func exitCodes() async throws {
        try await withSimulator { simulator, base in
            let token = ["--token", simulator.token.exposedValue]
            let offline = try await VicotopProcess.run(base + token + ["ticket", "VDCA1P2311004420"])
            #expect(offline.status == 4)
            #expect(offline.stderr.contains("offline"))
            let invalid = try await VicotopProcess.run(base + token + ["ticket", "VDCX9Z2209000007"])
            #expect(invalid.status == 4)
            #expect(invalid.stderr.contains("invalid device serial number"))
            let badToken = try await VicotopProcess.run(base + ["--token", "wrong", "devices"])
            #expect(badToken.status == 3)
            #expect(badToken.stderr.contains("not authorised"))
            let noToken = try await VicotopProcess.run(base + ["devices"])
            #expect(noToken.status == 3)
            #expect(noToken.stderr.contains("no token"))
            simulator.inject(.serverErrors(status: 503, count: nil))
            let unavailable = try await VicotopProcess.run(base + token + ["devices"])
            #expect(unavailable.status == 5)
            #expect(unavailable.stderr.contains("HTTP 503"))
            simulator.clearFaults()
            simulator.inject(.malformedJSON(count: nil))
            let malformed = try await VicotopProcess.run(base + token + ["ticket", Self.healthy])
            #expect(malformed.status == 5)
            #expect(malformed.stderr.contains("not valid API JSON"))
            simulator.clearFaults()
            simulator.inject(.revokeToken)
            let revoked = try await VicotopProcess.run(base + token + ["ticket", Self.healthy])
            #expect(revoked.status == 3)
        }
        let unreachable = try await VicotopProcess.run(["--api-base", "http://127.0.0.1:9", "--token", "t", "devices"])
        #expect(unreachable.status == 5)
        #expect(unreachable.stderr.contains("connection refused"))
        let usage = try await VicotopProcess.run(["ticket", "X", "--region", "mars"])
        #expect(usage.status == 64)
        let badBase = try await VicotopProcess.run(["--api-base", "ftp://x", "devices"])
        #expect(badBase.status == 64)
    }

    @Test("with no account configured, commands use the embedded demo simulator and say so")
    func demoFallback() async throws {
        let result = try await VicotopProcess.run(["devices"])
        #expect(result.status == 0)
        #expect(result.stderr.contains("embedded demo simulator"))
        #expect(result.stdout.contains("Front Door"))
    }

    @Test("--help documents the exit codes")
    func help() async throws {
        let result = try await VicotopProcess.run(["--help"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("EXIT CODES"))
        #expect(result.stdout.contains("64  usage error"))
    }
}

/// Shell completions come from swift-argument-parser's generator and know every option.
@Suite("Shell completions")
struct CompletionTests {
    @Test("bash, zsh and fish scripts name the subcommands and global options", arguments: ["bash", "zsh", "fish"])
    func completion(shell: String) async throws {
        let result = try await VicotopProcess.run(["--generate-completion-script", shell])
        #expect(result.status == 0)
        for word in ["watch", "status", "ticket", "probe", "metrics-listen", "api-base", "log-level"] {
            #expect(result.stdout.contains(word), "\(shell) script lacks \(word)")
        }
    }
}
