import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import TestSupport
import Testing
import VicohomeAPI
@testable import VicohomeSimulator

/// Every mode runs against a simulator whose secrets are all known — the account token,
/// each ticket's `sign` and access token, a TURN user and credential — and everything a
/// person or a machine could read afterwards is searched for them: screens, standard
/// output and error, JSON, the exported report, the metrics page, the log file. They may
/// appear only where `--reveal-secrets` asked for them.
@Suite("Secret-leak scan", .serialized)
struct SecretLeakTests {
    static let turnUser = "leak-turn-user-7731"
    static let turnCredential = "leak-turn-credential-9924"

    @Test("no secret in any output unless --reveal-secrets asks")
    func scan() async throws {
        var configuration = SimulatorConfiguration()
        configuration.wireStyle = .real  // sign carries &accessToken=…
        configuration.extraICEServers = [ICEServer(url: "turn:127.0.0.1:3478?transport=udp", username: Secret(Self.turnUser), credential: Secret(Self.turnCredential))]
        let simulator = VicohomeSimulator(configuration: configuration)
        try await simulator.start()
        defer { Task { await simulator.stop() } }
        let base = simulator.baseURL.absoluteString
        let token = simulator.token.exposedValue
        let home = VicotopProcess.isolatedHome.appendingPathComponent("leak-\(UUID().uuidString.prefix(8))")
        let environment = ["XDG_CONFIG_HOME": home.appendingPathComponent("config").path, "XDG_STATE_HOME": home.appendingPathComponent("state").path]
        let account = ["--api-base", base, "--log-level", "trace"]
        var outputs: [(String, String)] = []

        // Each mode must get as far as its work: one that fails early would print nothing
        // to scan, and pass. So its exit status is checked, and its output must not be empty.
        func run(_ name: String, _ arguments: [String], status: Int32 = 0, extra: [String: String] = [:]) async throws {
            let result = try await VicotopProcess.run(account + arguments, environment: environment.merging(extra) { $1 }.merging(["VICOHOME_TOKEN": token]) { $1 })
            outputs.append((name + " stdout", result.stdout))
            outputs.append((name + " stderr", result.stderr))
            #expect(result.status == status, "\(name) exited \(result.status): \(result.stderr)")
            #expect(!result.stdout.isEmpty, "\(name) printed nothing to scan")
        }
        try await run("ticket", ["ticket", "VDCA1P2410000131"])
        try await run("ticket --json", ["ticket", "VDCA1P2410000131", "--json"])
        try await run("devices", ["devices", "--json"])
        // The demo fleet has a failed camera (invalid serial): status says so with 2.
        try await run("status", ["status", "--once", "--json", "--settle", "2"], status: 2)
        try await run("watch --jsonl", ["watch", "--jsonl", "--interval", "0.5", "--duration", "3"])
        try await run("watch --plain", ["watch", "--plain", "--interval", "0.5", "--duration", "2"])
        // The ticket's TURN server at 127.0.0.1:3478 does not exist: a network failure, 5.
        try await run("probe", ["probe", "VDCA1P2410000131", "--json"], status: 5)
        try await run("config --show", ["config", "--show"])
        try await run("token flag", ["--token", token, "devices"])

        // The metrics page while watch runs, on a port the kernel picked.
        let (watcher, announced) = try await VicotopProcess.startWithMetrics(
            account + ["--metrics-listen", "127.0.0.1:0", "watch", "--jsonl", "--duration", "60"],
            environment: ProcessInfo.processInfo.environment.merging(environment) { $1 }.merging(["VICOHOME_TOKEN": token]) { $1 })
        defer { if watcher.isRunning { watcher.terminate() } }
        let port = try #require(announced, "watch did not name its metrics address")
        var metrics = ""
        let deadline = ContinuousClock.now + .seconds(45)
        while !metrics.contains("vicotop_ticket_seconds_left") && ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(300))
            if let (data, _) = try? await URLSession.shared.data(from: URL(string: "http://127.0.0.1:\(port)/metrics")!) {
                metrics = String(decoding: data, as: UTF8.self)
            }
        }
        watcher.terminate()
        #expect(metrics.contains("vicotop_ticket_seconds_left"), "no metrics scraped")
        outputs.append(("metrics", metrics))

        // The dashboard's screen, and the report it exports.
        let folder = home.appendingPathComponent("dashboard")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let variables = ["TERM=tmux-256color", "LANG=C.UTF-8", "PATH=/usr/bin:/bin", "VICOHOME_TOKEN=\(token)"]
            + environment.map { "\($0.key)=\(shellQuoted($0.value))" }
        let command = "cd \(shellQuoted(folder.path)); env -i \(variables.joined(separator: " ")) "
            + ([VicotopProcess.binary.path] + account).map(shellQuoted).joined(separator: " ") + "; sleep 60"
        try await TmuxSession.with(width: 200, height: 60, command: "sh -c \(shellQuoted(command))") { tmux in
            let drawn = await tmux.waitFor(.seconds(30)) { $0.contains("● live ") && $0.contains("q quit") }
            #expect(drawn.matched)
            outputs.append(("dashboard screen", drawn.screen))
            for key in ["j", "j", "j", "j", "j", "j", "j"] {
                await tmux.type(key)
                outputs.append(("dashboard screen after \(key)", await tmux.capture()))
            }
            await tmux.type("g")
            await tmux.type("e")
            _ = await tmux.waitFor(.seconds(5)) { $0.contains("report written to") }
            await tmux.type("q")
            // The shell's `sleep 60` keeps the pane: wait for the dashboard to leave it.
            #expect(await tmux.waitFor(.seconds(30)) { !$0.contains("q quit") }.matched, "the dashboard did not quit")
        }
        let reports = (try? FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)) ?? []
        #expect(reports.contains { $0.lastPathComponent.hasPrefix("vicotop-report-") }, "no report exported")
        for report in reports {
            let text = (try? String(contentsOf: report, encoding: .utf8)) ?? ""
            outputs.append(("report \(report.lastPathComponent)", text))
            // The file the `e` key writes is held to the JSON contract like every other output.
            #expect(ContractSchema.report.problems(in: text) == [], "\(text)")
        }
        let logs = home.appendingPathComponent("state/vicotop/vicotop.log")
        let log = (try? String(contentsOf: logs, encoding: .utf8)) ?? ""
        #expect(log.contains("traceId="), "the log file is empty: nothing was scanned")
        outputs.append(("log file", log))

        let secrets = [token, Self.turnUser, Self.turnCredential] + simulator.state.issuedSecrets
        #expect(simulator.state.issuedSecrets.count >= 10, "too few tickets issued to be a fair scan")
        for (name, text) in outputs {
            for secret in secrets where text.contains(secret) {
                Issue.record("\(name) shows a secret (\(secret.prefix(4))…)")
            }
        }

        // The control: asked to, vicotop does show them, so the scan above can find them.
        let revealed = try await VicotopProcess.run(account + ["--reveal-secrets", "ticket", "VDCA1P2410000131", "--json"],
                                                    environment: environment.merging(["VICOHOME_TOKEN": token]) { $1 })
        let issuedNow = Set(simulator.state.issuedSecrets)
        #expect(issuedNow.contains { revealed.stdout.contains($0) }, "--reveal-secrets did not show the sign")
        #expect(revealed.stdout.contains(Self.turnCredential))
    }
}
