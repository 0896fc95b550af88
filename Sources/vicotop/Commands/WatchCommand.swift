import ArgumentParser
import Foundation
import LiveSession
import VicohomeAPI

/// `vicotop watch`: keeps every camera's session alive and reports as it goes.
struct WatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "Watch every camera's live-view session and print events as they happen.",
        discussion: """
            --plain prints readable lines: one per session event, and the fleet's table every \
            --interval. --jsonl prints one JSON object per line: {"type":"event",…} for each \
            event and {"type":"snapshot",…} every --interval, each with "schemaVersion", times \
            as RFC 3339 UTC and "state" a plain word (live, backingOff, …) with "reason" and \
            "retryAt" beside it (the README's "JSON output" section lists every field). Runs \
            until Ctrl-C, SIGTERM, SIGHUP or --duration.

            Examples:
              vicotop watch --plain
              vicotop watch --jsonl --interval 10 | jq -c 'select(.type == "event")'
              vicotop watch --jsonl | jq -c 'select(.state == "backingOff") | {serialNumber, reason, retryAt}'
              vicotop watch --jsonl --shard 2/3 --metrics-listen 0.0.0.0:9464   # one of three watchers
            """)

    @ParentCommand var root: Vicotop

    @Flag(help: "Readable lines (the default on a terminal when no mode is named).")
    var plain = false

    @Flag(help: "One JSON object per line.")
    var jsonl = false

    @Option(help: ArgumentHelp("Seconds between fleet snapshots.", valueName: "seconds"))
    var interval: Double = 30

    @Option(help: ArgumentHelp("Stop after this many seconds.", valueName: "seconds"))
    var duration: Double?

    @OptionGroup var selection: FleetOptions

    func validate() throws {
        if plain && jsonl { throw ValidationError("pick one of --plain and --jsonl") }
        guard interval >= 0.2 else { throw ValidationError("--interval must be at least 0.2 seconds") }
        if let duration, duration <= 0 { throw ValidationError("--duration must be positive") }
    }

    func run() async throws {
        let options = root.global
        if !plain && !jsonl && !Terminal.stdoutIsTTY {
            Terminal.error("""
                vicotop: standard output is not a terminal. Pick a mode for scripts:
                  vicotop watch --plain      readable lines
                  vicotop watch --jsonl      one JSON object per line
                  vicotop status --once      one status report, exit code by health
                """)
            throw ExitStatus.usage.code
        }
        try await runReportingFailures {
            let config = try EffectiveConfiguration.load(options, deviceFlags: selection.serials, mediaCheckInterval: selection.mediaCheckInterval)
            LogSetup.bootstrap(level: config.logLevel.value)
            let fleet = try await FleetSession.connect(options, config: config, probeICE: !selection.noICE)
            let printer = WatchPrinter(jsonl: jsonl, demo: fleet.account.isDemo, shard: config.shard.value)
            printer.banner(account: fleet.account)
            let events = fleet.manager.events()
            let eventTask = Task {
                for await event in events { printer.event(event) }
            }
            let snapshotTask = Task {
                while !Task.isCancelled {
                    try? await Task.sleep(for: .milliseconds(Int64(interval * 1000)))
                    if Task.isCancelled { break }
                    printer.snapshot(fleet.manager.snapshots)
                }
            }
            // Ends at the first of: a signal, or the end of --duration.
            await withTaskGroup(of: Void.self) { group in
                group.addTask { _ = await SignalWaiter.wait() }
                if let duration {
                    group.addTask { try? await Task.sleep(for: .milliseconds(Int64(duration * 1000))) }
                }
                await group.next()
                group.cancelAll()
            }
            snapshotTask.cancel()
            printer.snapshot(fleet.manager.snapshots)
            await fleet.stop()
            eventTask.cancel()
        }
    }
}

/// Writes the watch mode's lines.
struct WatchPrinter: Sendable {
    var jsonl: Bool
    var demo: Bool
    var shard: Shard = .whole

    /// ` — shard K/N` when this watcher sees only part of the fleet.
    private var shardNote: String { shard.isWhole ? "" : " — shard \(shard)" }

    func banner(account: Account) {
        guard !jsonl else { return }
        Terminal.output("vicotop watch — \(demo ? "DEMO (embedded simulator)" : account.client.configuration.baseURL.absoluteString)\(shardNote) — Ctrl-C to stop")
    }

    func event(_ event: SessionEvent) {
        if jsonl {
            if let line = JSONLine.encode(type: "event", event) { Terminal.output(line) }
        } else {
            let time = event.at.formatted(Date.ISO8601FormatStyle().time(includingFractionalSeconds: false).timeSeparator(.colon))
            let trace = event.traceId.map { " [\($0)]" } ?? ""
            Terminal.output("\(time)  \(event.serialNumber)\(trace)  \(event.kind.rawValue): \(Sanitizer.singleLine(event.message))")
        }
    }

    func snapshot(_ snapshots: [DeviceSnapshot]) {
        if jsonl {
            let summary = FleetSummary(snapshots, shard: shard)
            if let line = JSONLine.encode(type: "snapshot", summary) { Terminal.output(line) }
        } else {
            let live = snapshots.filter { $0.state.isLive }.count
            Terminal.output("── \(live)/\(snapshots.count) live\(shardNote) ──\n" + StatusTable().render(snapshots))
        }
    }
}
