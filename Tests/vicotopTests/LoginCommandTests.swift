import Foundation
import Testing
import VicohomeSimulator

/// `vicotop login` and the credentials it stores, as a user runs them.
@Suite("vicotop login")
struct LoginCommandTests {
    @Test("stores the token with mode 0600; later commands use it; a readable file gets a warning; a wrong password exits 3")
    func login() async throws {
        let simulator = VicohomeSimulator()
        try await simulator.start()
        let config = FileManager.default.temporaryDirectory.appendingPathComponent("vicotop-login-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: config) }
        let env = ["XDG_CONFIG_HOME": config.path]
        let base = simulator.baseURL.absoluteString

        let wrong = try await VicotopProcess.run(["login", "--email", "demo@vicotop.test", "--password-stdin", "--api-base", base],
                                                 environment: env, stdin: "nope\n")
        #expect(wrong.status == 3)

        let ok = try await VicotopProcess.run(["--api-base", base, "login", "--email", "demo@vicotop.test", "--password-stdin"],
                                              environment: env, stdin: "demo-password\n")
        #expect(ok.status == 0, "stderr: \(ok.stderr)")
        #expect(!ok.stdout.contains(simulator.token.exposedValue), "the token is not printed")
        let file = config.appendingPathComponent("vicotop/credentials")
        let mode = try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        #expect(try String(contentsOf: file, encoding: .utf8).contains(simulator.token.exposedValue))

        // No flags: the stored token and API base are used, not the demo simulator.
        let devices = try await VicotopProcess.run(["devices"], environment: env)
        #expect(devices.status == 0, "stderr: \(devices.stderr)")
        #expect(!devices.stderr.contains("demo simulator"))
        #expect(devices.stdout.contains("Front Door"))

        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: file.path)
        let warned = try await VicotopProcess.run(["devices"], environment: env)
        #expect(warned.status == 0)
        #expect(warned.stderr.contains("readable by others"))

        let notTTY = try await VicotopProcess.run(["login", "--email", "demo@vicotop.test", "--api-base", base], environment: env)
        #expect(notTTY.status == 64)
        #expect(notTTY.stderr.contains("--password-stdin"))
        await simulator.stop()
    }
}
