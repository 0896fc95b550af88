import Foundation
import Testing
import TestSupport

/// The soak script (`Tests/Soak/soak.py`) against the built binary: 200 cameras, a
/// headless client and the dashboard in tmux, 90 s of chaos, then the recovery, leak,
/// descriptor and expired-ticket checks. It takes about two minutes, so it runs in CI
/// (`CI` set) or when `VICOTOP_SOAK_SECONDS` asks for it (the chaos phase's length).
@Suite("Soak under chaos")
struct SoakTests {
    static let environment = ProcessInfo.processInfo.environment
    static var requested: Bool { environment["CI"] != nil || environment["VICOTOP_SOAK_SECONDS"] != nil }

    @Test("200 cameras under chaos: no crash, all live again after, RSS and descriptors stable, no expired ticket used",
          .enabled(if: requested), .timeLimit(.minutes(10)))
    func soak() async throws {
        try #require(TmuxSession.isInstalled, "the soak needs tmux (.ci/run installs it)")
        // Three processes and 200 cameras share two cores with the suite: let the suite's
        // timing-sensitive tests (about 15 s in all) finish before the load begins.
        try await Task.sleep(for: .seconds(25))
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
}
