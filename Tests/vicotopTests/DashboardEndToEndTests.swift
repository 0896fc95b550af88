import Foundation
import LiveMedia
import TestSupport
import Testing

/// The real binary in tmux against its embedded simulator: what a user sees and does.
@Suite("Dashboard end to end in tmux", .serialized)
struct DashboardEndToEndTests {
    /// A pane running the dashboard inside a shell that records the terminal modes before
    /// and after, and the exit status, into `folder`.
    struct Run {
        var tmux: TmuxSession
        var folder: URL

        static func with(width: Int = 120, height: Int = 40, arguments: [String] = [], _ body: (Run) async throws -> Void) async throws {
            let folder = VicotopProcess.isolatedHome.appendingPathComponent("tmux-\(UUID().uuidString.prefix(8))")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let environment = [
                "TERM=tmux-256color", "LANG=C.UTF-8", "HOME=\(shellQuoted(folder.path))", "PATH=/usr/bin:/bin",
                "XDG_CONFIG_HOME=\(shellQuoted(folder.appendingPathComponent("config").path))",
                "XDG_STATE_HOME=\(shellQuoted(folder.appendingPathComponent("state").path))",
            ].joined(separator: " ")
            let binary = ([VicotopProcess.binary.path] + arguments).map(shellQuoted).joined(separator: " ")
            let file = { (name: String) in shellQuoted(folder.appendingPathComponent(name).path) }
            let script = "cd \(shellQuoted(folder.path)); stty -g > \(file("modes-before")); env -i \(environment) \(binary); echo $? > \(file("status")); "
                + "stty -g > \(file("modes-after")); exec sleep 600"
            try await TmuxSession.with(width: width, height: height, command: "sh -c \(shellQuoted(script))") { tmux in
                try await body(Run(tmux: tmux, folder: folder))
            }
        }

        func read(_ name: String) -> String? {
            (try? String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
        }

        /// The dashboard's pid: the child of the pane's shell.
        func dashboardPID() async -> Int32? {
            guard let shell = Int32(await tmux.display("#{pane_pid}")) else { return nil }
            let children = (try? String(contentsOfFile: "/proc/\(shell)/task/\(shell)/children", encoding: .utf8)) ?? ""
            return children.split(separator: " ").compactMap { Int32($0) }.first
        }

        func waitForExit(timeout: Duration = .seconds(30)) async -> String? {
            let deadline = ContinuousClock.now + timeout
            while ContinuousClock.now < deadline {
                // The shell creates the file before stty fills it: wait for its contents.
                if let status = read("status"), read("modes-after")?.isEmpty == false { return status }
                try? await Task.sleep(for: .milliseconds(20))
            }
            return nil
        }

        /// The demo fleet is up: the header counts it, a row shows a live camera, the key bar is drawn.
        static func firstScreen(_ screen: String) -> Bool {
            screen.contains("DEMO") && screen.contains("8 devices") && screen.contains("q quit") && screen.contains("● live ")
        }
    }

    @Test("the first screen shows the demo fleet; j moves the selection; r reconnects and the log says so")
    func firstScreenSelectionReconnect() async throws {
        try await Run.with { run in
            let first = await run.tmux.waitFor(.seconds(30), Run.firstScreen)
            #expect(first.matched, "first screen never appeared:\n\(first.screen)")
            #expect(first.screen.contains("Detail VDCA1P2410000131"))
            await run.tmux.type("j")
            let moved = await run.tmux.waitFor(.seconds(5)) { $0.contains("Detail VDCB2G2408001742") && $0.contains("Events VDCB2G2408001742") }
            #expect(moved.matched, "selection did not move:\n\(moved.screen)")
            await run.tmux.type("r")
            let reconnected = await run.tmux.waitFor(.seconds(10)) { $0.contains("manual reconnect") }
            #expect(reconnected.matched, "no reconnect in the event log:\n\(reconnected.screen)")
            _ = await run.tmux.command(["set-option", "-g", "set-clipboard", "on"])
            await run.tmux.type("c")
            let copied = await run.tmux.waitFor(.seconds(5)) { $0.contains("copied traceId webrtc-vdcb2g") }
            #expect(copied.matched, "c did not report the copy:\n\(copied.screen)")
            let buffer = await run.tmux.command(["show-buffer"])
            #expect(buffer.hasPrefix("webrtc-vdcb2g-"), "the clipboard (tmux buffer) holds '\(buffer)'")
            await run.tmux.type("e")
            let exported = await run.tmux.waitFor(.seconds(5)) { $0.contains("report written to") }
            #expect(exported.matched, "e did not write a report:\n\(exported.screen)")
            let reports = (try? FileManager.default.contentsOfDirectory(atPath: run.folder.path))?.filter { $0.hasPrefix("vicotop-report-VDCB2G2408001742-") } ?? []
            #expect(reports.count == 1)
            await run.tmux.type("?")
            let help = await run.tmux.waitFor(.seconds(5)) { $0.contains("this help") && $0.contains("reconnect every device") }
            #expect(help.matched, "no help overlay:\n\(help.screen)")
            await run.tmux.press("Escape")
            await run.tmux.type("T")
            let themed = await run.tmux.waitFor(.seconds(5)) { $0.contains("theme high-contrast") }
            #expect(themed.matched, "T did not switch to the next theme:\n\(themed.screen)")
            await run.tmux.type("q")
            #expect(await run.waitForExit() == "0")
        }
    }

    @Test("--shard 2/2 shows half the demo fleet and says so in the header; a camera of shard 1 added with a is watched all the same")
    func sharded() async throws {
        try await Run.with(arguments: ["--shard", "2/2", "--no-ice"]) { run in
            // Shard 2 of the demo fleet: Garden Gate, Bird Feeder, Nursery, Back Yard (ShardTests pins the hash).
            let first = await run.tmux.waitFor(.seconds(30)) { $0.contains("shard 2/2") && $0.contains("4 devices") && $0.contains("q quit") }
            #expect(first.matched, "no sharded header:\n\(first.screen)")
            #expect(!first.screen.contains("VDCA1P2410000131"))
            await run.tmux.type("a")
            await run.tmux.type("VDCA1P2410000131")
            await run.tmux.press("Enter")
            let added = await run.tmux.waitFor(.seconds(10)) { $0.contains("5 devices") && $0.contains("not this 2/2: watched here too") }
            #expect(added.matched, "a did not add the camera of shard 1:\n\(added.screen)")
            await run.tmux.type("q")
            #expect(await run.waitForExit() == "0")
        }
    }

    @Test("v on a healthy camera: a verdict with its path and a thumbnail of coloured cells; v on the camera whose video never starts: the failing phase",
          .enabled(if: LiveMedia.GStreamerRuntime.camera.isAvailable))
    func liveViewChecks() async throws {
        try await Run.with(width: 140, height: 60) { run in
            let first = await run.tmux.waitFor(.seconds(30), Run.firstScreen)
            #expect(first.matched, "first screen never appeared:\n\(first.screen)")
            await run.tmux.type("v")
            let verdict = await run.tmux.waitFor(.seconds(30)) { $0.contains("● ") && $0.contains(" s p2p") && $0.contains("ok · p2p") }
            #expect(verdict.matched, "no verdict for the healthy camera:\n\(verdict.screen)")
            #expect(verdict.screen.contains("first decoded frame") && verdict.screen.contains("data channel open"))
            let picture = await run.tmux.waitFor(.seconds(10)) { $0.contains("picture    ▀▀▀▀") }
            #expect(picture.matched, "no thumbnail:\n\(picture.screen)")
            let colours = await run.tmux.captureWithEscapes()
            let thumbnailRow = colours.split(separator: "\n").first { $0.contains("picture") } ?? ""
            #expect(thumbnailRow.contains("48;5;") || thumbnailRow.contains("48;2;"), "the thumbnail has no background colours: \(thumbnailRow)")
            await run.tmux.type("j")
            _ = await run.tmux.waitFor(.seconds(5)) { $0.contains("Detail VDCB2G2408001742") }
            await run.tmux.type("v")
            let failed = await run.tmux.waitFor(.seconds(60)) { $0.contains("✖ video") && $0.contains("failed at video: no video 30 s after startLive") }
            #expect(failed.matched, "no failing phase for the camera whose video never starts:\n\(failed.screen)")
            await run.tmux.type("q")
            #expect(await run.waitForExit() == "0")
        }
    }

    @Test("Ctrl-Z suspends to the shell with the terminal restored; fg redraws")
    func suspendAndResume() async throws {
        let folder = VicotopProcess.isolatedHome.appendingPathComponent("tstp-\(UUID().uuidString.prefix(8))")
        let shell = "env -i PATH=/usr/bin:/bin HOME=\(shellQuoted(folder.path)) bash --norc --noprofile -i"
        try await TmuxSession.with(width: 120, height: 40, command: shell) { tmux in
            let environment = "TERM=tmux-256color LANG=C.UTF-8 XDG_CONFIG_HOME=\(shellQuoted(folder.path + "/config")) XDG_STATE_HOME=\(shellQuoted(folder.path + "/state"))"
            await tmux.type("export \(environment); \(shellQuoted(VicotopProcess.binary.path))")
            await tmux.press("Enter")
            #expect(await tmux.waitFor(.seconds(30), Run.firstScreen).matched)
            for round in 1...3 {
                await tmux.press("C-z")
                let stopped = await tmux.waitFor(.seconds(5)) { $0.contains("Stopped") && !$0.contains("q quit") }
                #expect(stopped.matched, "round \(round): no clean job-control stop:\n\(stopped.screen)")
                #expect(await tmux.display("#{alternate_on}") == "0", "round \(round): still on the alternate screen")
                #expect(await tmux.display("#{cursor_flag}") == "1", "round \(round): cursor hidden in the shell")
                await tmux.type("fg")
                await tmux.press("Enter")
                let back = await tmux.waitFor(.seconds(5)) { Run.firstScreen($0) }
                #expect(back.matched, "round \(round): not redrawn after fg:\n\(back.screen)")
                #expect(await tmux.display("#{alternate_on}") == "1")
                await tmux.type("q")
                await tmux.waitFor(.seconds(5)) { !$0.contains("q quit") }
                if round < 3 {
                    await tmux.type("clear; \(shellQuoted(VicotopProcess.binary.path))")
                    await tmux.press("Enter")
                    #expect(await tmux.waitFor(.seconds(30), Run.firstScreen).matched)
                }
            }
        }
    }

    @Test("a resize to 40×10 shows the too-small notice, and back to 120×40 the dashboard")
    func resize() async throws {
        try await Run.with { run in
            #expect(await run.tmux.waitFor(.seconds(30), Run.firstScreen).matched)
            await run.tmux.resize(width: 40, height: 10)
            let small = await run.tmux.waitFor(.seconds(5)) { $0.contains("terminal too small") && $0.contains("have 40×10") }
            #expect(small.matched, "no too-small notice:\n\(small.screen)")
            await run.tmux.resize(width: 120, height: 40)
            let back = await run.tmux.waitFor(.seconds(5)) { Run.firstScreen($0) && !$0.contains("too small") }
            #expect(back.matched, "dashboard not back after the resize:\n\(back.screen)")
            #expect(await run.dashboardPID() != nil, "the dashboard died during the resize")
            await run.tmux.type("q")
            #expect(await run.waitForExit() == "0")
        }
    }

    @Test("q restores the terminal: modes, main screen, cursor, no mouse reporting")
    func quitRestores() async throws {
        try await Run.with { run in
            #expect(await run.tmux.waitFor(.seconds(30), Run.firstScreen).matched)
            #expect(await run.tmux.display("#{alternate_on}") == "1")
            #expect(await run.tmux.display("#{cursor_flag}") == "0")
            await run.tmux.type("q")
            #expect(await run.waitForExit() == "0")
            #expect(run.read("modes-after") == run.read("modes-before"))
            #expect(await run.tmux.display("#{alternate_on}") == "0")
            #expect(await run.tmux.display("#{cursor_flag}") == "1")
            #expect(await run.tmux.display("#{mouse_any_flag}") == "0")
        }
    }

    @Test("SIGHUP ends the dashboard promptly, without spinning, terminal restored")
    func hangup() async throws {
        try await Run.with { run in
            #expect(await run.tmux.waitFor(.seconds(30), Run.firstScreen).matched)
            let pid = try #require(await run.dashboardPID())
            // Idle, the dashboard wakes about once a second: a few ticks of CPU over a 3 s
            // window. A spinning loop takes every tick it can get: with the machine shared,
            // still most of the window's wall-clock ticks. The window is a measurement, not a
            // wait for something, and a busy machine only lowers what the dashboard can use.
            let ticksPerSecond = Double(sysconf(Int32(_SC_CLK_TCK)))
            let windowStart = ContinuousClock.now
            let idleStart = Self.cpuTicks(pid)
            try await Task.sleep(for: .seconds(3))
            if let idleStart, let idleEnd = Self.cpuTicks(pid) {
                let window = ContinuousClock.now - windowStart
                let wallTicks = (Double(window.components.seconds) + Double(window.components.attoseconds) / 1e18) * ticksPerSecond
                #expect(Double(idleEnd - idleStart) < wallTicks / 5, "\(idleEnd - idleStart) ticks of CPU in \(window) idle")
            }
            // The dashboard gives the server 300 ms to close; the guard allows ten times that.
            let elapsed = try await Self.timeToExit(pid) { kill(pid, SIGHUP) }
            #expect(elapsed < .seconds(3), "still running \(elapsed) after SIGHUP")
            #expect(await run.waitForExit(timeout: .seconds(30)) == "0")
            #expect(run.read("modes-after") == run.read("modes-before"))
            #expect(await run.tmux.display("#{alternate_on}") == "0")
        }
    }

    @Test("the pane closing (a real hangup) ends the dashboard promptly")
    func paneClosed() async throws {
        try await Run.with { run in
            #expect(await run.tmux.waitFor(.seconds(30), Run.firstScreen).matched)
            let pid = try #require(await run.dashboardPID())
            let elapsed = try await Self.timeToExit(pid) { await run.tmux.killPane() }
            // 300 ms for the server to close, ten times over: a guard against a dashboard
            // that outlives its terminal, not a measure of its speed.
            #expect(elapsed < .seconds(3), "the dashboard outlived its terminal")
        }
    }

    /// How long `pid` takes to end after `action` (up to 10 s).
    static func timeToExit(_ pid: Int32, after action: () async -> Void) async throws -> Duration {
        let start = ContinuousClock.now
        await action()
        while isAlive(pid) && ContinuousClock.now - start < .seconds(10) {
            try await Task.sleep(for: .milliseconds(5))
        }
        return ContinuousClock.now - start
    }

    /// Whether a process still runs; a zombie (its parent, killed with the pane, has not
    /// reaped it yet) has ended.
    static func isAlive(_ pid: Int32) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8), let close = stat.lastIndex(of: ")") else { return false }
        return !stat[stat.index(after: close)...].hasPrefix(" Z")
    }

    /// utime + stime of a process, in clock ticks.
    static func cpuTicks(_ pid: Int32) -> Int? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return nil }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 13, let user = Int(fields[11]), let system = Int(fields[12]) else { return nil }
        return user + system
    }
}
