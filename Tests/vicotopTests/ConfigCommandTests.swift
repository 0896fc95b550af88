import Foundation
import Testing
import VicohomeSimulator

/// `config.toml`, environment and flags, in that order of strength.
@Suite("Configuration precedence")
struct ConfigCommandTests {
    func folder(with config: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("vicotop-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url.appendingPathComponent("vicotop"), withIntermediateDirectories: true)
        try config.write(to: url.appendingPathComponent("vicotop/config.toml"), atomically: true, encoding: .utf8)
        return url
    }

    func line(_ output: String, _ key: String) -> String {
        output.split(separator: "\n").first { $0.hasPrefix(key + " ") }.map(String.init) ?? ""
    }

    @Test("file, then environment, then flags; config --show names each source; the token is masked")
    func precedence() async throws {
        let home = try folder(with: """
            region = "eu"
            auth_scheme = "raw"
            log_level = "debug"
            devices = ["VDCA1P2410000131", "VDCA1P2311004420"]
            refresh_margin = 45
            theme = "solarized-dark"
            event_history = 500
            """)
        defer { try? FileManager.default.removeItem(at: home) }
        let result = try await VicotopProcess.run(
            ["config", "--show", "--region", "us"],
            environment: ["XDG_CONFIG_HOME": home.path, "VICOTOP_LOG_LEVEL": "warning", "VICOTOP_AUTH_SCHEME": "bearer",
                          "VICOHOME_TOKEN": "abcdefghijklmnopqrstuvwxyz"])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let out = result.stdout
        #expect(line(out, "region").contains("us") && line(out, "region").contains("[flag --region]"))
        #expect(line(out, "auth_scheme").contains("bearer") && line(out, "auth_scheme").contains("[environment VICOTOP_AUTH_SCHEME]"))
        #expect(line(out, "log_level").contains("warning") && line(out, "log_level").contains("[environment VICOTOP_LOG_LEVEL]"))
        #expect(line(out, "devices").contains("VDCA1P2410000131, VDCA1P2311004420") && line(out, "devices").contains("config file"))
        #expect(line(out, "refresh_margin").contains("45.0 s"))
        #expect(line(out, "theme").contains("solarized-dark"))
        #expect(line(out, "event_history").contains("500 events per camera") && line(out, "event_history").contains("config file"))
        #expect(line(out, "token").contains("abcd…(26 chars)") && line(out, "token").contains("VICOHOME_TOKEN"))
        #expect(!out.contains("abcdefghijklmnopqrstuvwxyz"))
    }

    @Test("VICOTOP_EVENT_HISTORY sets the events kept per camera; out of range it is refused with exit 64")
    func eventHistoryEnvironment() async throws {
        let set = try await VicotopProcess.run(["config", "--show"], environment: ["VICOTOP_EVENT_HISTORY": "30"])
        #expect(line(set.stdout, "event_history").contains("30 events per camera"))
        #expect(line(set.stdout, "event_history").contains("[environment VICOTOP_EVENT_HISTORY]"))
        let refused = try await VicotopProcess.run(["config", "--show"], environment: ["VICOTOP_EVENT_HISTORY": "5"])
        #expect(refused.status == 64)
        #expect(refused.stderr.contains("VICOTOP_EVENT_HISTORY must be a whole number between 10 and 10000"))
    }

    @Test("a malformed config names the file and the key, and exits 64", arguments: [
        ("region = \"mars\"", "key 'region'"), ("colour = 1", "unknown key 'colour'"), ("region = ", "line 1"),
        ("devices = 5", "key 'devices'"), ("log_level = \"loud\"", "key 'log_level'"),
        ("event_history = 5", "key 'event_history'"), ("event_history = 1.5", "key 'event_history'"), ("[[[", "line 1"),
    ])
    func malformed(config: String, expected: String) async throws {
        let home = try folder(with: config)
        defer { try? FileManager.default.removeItem(at: home) }
        let result = try await VicotopProcess.run(["devices"], environment: ["XDG_CONFIG_HOME": home.path])
        #expect(result.status == 64)
        #expect(result.stderr.contains("config.toml"))
        #expect(result.stderr.contains(expected), "stderr: \(result.stderr)")
    }

    @Test("the config's devices and api_base are what status watches")
    func devicesFromConfig() async throws {
        let simulator = VicohomeSimulator()
        try await simulator.start()
        let home = try folder(with: """
            api_base = "\(simulator.baseURL.absoluteString)"
            devices = ["VDCA1P2410000131"]
            """)
        defer { try? FileManager.default.removeItem(at: home) }
        let result = try await VicotopProcess.run(["status", "--once"],
                                                  environment: ["XDG_CONFIG_HOME": home.path, "VICOHOME_TOKEN": simulator.token.exposedValue])
        await simulator.stop()
        #expect(result.status == 0, "stdout: \(result.stdout) stderr: \(result.stderr)")
        #expect(result.stdout.split(separator: "\n").count == 2, "header and the one configured camera")
    }
}
