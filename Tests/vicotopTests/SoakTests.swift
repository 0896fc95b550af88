import Foundation
import Testing
import TestSupport

/// The soak script (`Tests/Soak/soak.py`) against the built binary: 200 cameras, a
/// headless client and the dashboard in tmux, 90 s of chaos, then the recovery, leak,
/// descriptor and expired-ticket checks. It takes about two minutes, so it runs in CI
/// (`CI` set) or when `VICOTOP_SOAK_SECONDS` asks for it (the chaos phase's length). The
/// check of how the script reads exit statuses from tmux is quick and always runs.
@Suite("Soak under chaos")
struct SoakTests {
    static let environment = ProcessInfo.processInfo.environment
    static var requested: Bool { environment["CI"] != nil || environment["VICOTOP_SOAK_SECONDS"] != nil }

    @Test("200 cameras under chaos: no crash, all live again after, RSS and descriptors stable, no expired ticket used",
          .enabled(if: requested), .timeLimit(.minutes(10)))
    func soak() async throws {
        try #require(TmuxSession.isInstalled, "the soak needs tmux (.ci/run installs it)")
        // No head start for the rest of the suite: its tests wait for conditions, run on a
        // manual clock or keep only generous guards, so the soak's load slows them down
        // without changing what they see.
        let seconds = Self.environment["VICOTOP_SOAK_SECONDS"].flatMap(Double.init) ?? 90
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("vicotop-soak-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        let output = work.appendingPathComponent("soak.out")
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        let out = open(output.path, O_WRONLY | O_APPEND)
        let null = open("/dev/null", O_RDONLY)
        defer {
            close(out)
            close(null)
        }
        // A file, not a pipe: the tmux server the script starts would hold a pipe open.
        let process = try SpawnedProcess.start(
            ["/usr/bin/env", "python3", root.appendingPathComponent("Tests/Soak/soak.py").path,
             "--binary", VicotopProcess.binary.path, "--devices", "200", "--duration", String(seconds), "--event-history", "10",
             "--warmup", "15", "--interval", "10", "--work-dir", work.appendingPathComponent("run").path,
             "--json", work.appendingPathComponent("figures.json").path],
            environment: ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("VICOHOME_") },
            stdin: null, stdout: out, stderr: out)
        var ending = await process.wait(timeout: .seconds(seconds + 420))
        if ending == nil {
            // SIGTERM lets the script stop its simulator, clients and tmux server.
            process.signal(SIGTERM)
            ending = await process.wait(timeout: .seconds(30))
            if ending == nil { process.signal(SIGKILL) }
        }
        let report = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
        // The figures go to the test log either way: CI keeps them.
        print(report.split(separator: "\n").drop { !$0.hasPrefix("soak: 200 cameras") }.joined(separator: "\n"))
        #expect(ending == .exited(0), "soak \(ending.map { "\($0)" } ?? "timed out"):\n\(report.suffix(6000))")
    }

    /// The soak once failed its `q` check with the pane dead and no exit status after 10 s:
    /// tmux's libutempter had taken the SIGCHLD of the dashboard, which had exited 0 (the
    /// kernel still held its status). The script now reads the status the way that survives
    /// this; here panes that exit with 3 or die by SIGKILL must each be reported as such.
    @Test("the soak reads every pane's exit status or signal from tmux, even when tmux misses the SIGCHLD")
    func tmuxExitStatus() async throws {
        try #require(TmuxSession.isInstalled, "the soak needs tmux (.ci/run installs it)")
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("vicotop-soak-check-\(UUID().uuidString.prefix(8)).out")
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        let out = open(output.path, O_WRONLY | O_APPEND)
        let null = open("/dev/null", O_RDONLY)
        defer {
            close(out)
            close(null)
            try? FileManager.default.removeItem(at: output)
        }
        // A file, not a pipe: the tmux servers the script starts would hold a pipe open.
        let process = try SpawnedProcess.start(
            ["/usr/bin/env", "python3", root.appendingPathComponent("Tests/Soak/soak.py").path, "--tmux-exit-check", "8"],
            environment: ProcessInfo.processInfo.environment, stdin: null, stdout: out, stderr: out)
        var ending = await process.wait(timeout: .seconds(300))
        if ending == nil {
            process.signal(SIGKILL)
            ending = await process.wait(timeout: .seconds(10))
        }
        let report = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
        #expect(ending == .exited(0), "\(report)")
    }
}
