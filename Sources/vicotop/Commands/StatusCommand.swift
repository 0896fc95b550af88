import ArgumentParser
import Foundation
import LiveSession

/// `vicotop status --once`: one report of every camera's state, with the exit code saying how healthy the fleet is.
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Bring every camera's session up once, print its state, exit by health.",
        discussion: """
            Waits until every session has settled (live, waiting to retry, or failed) and every \
            live camera's first ping has been answered (or lost), or --settle seconds pass. \
            Exits 0 when all are live, 1 when some are degraded, 2 when some have failed.

            With --media every live camera's live view is checked too (a few seconds of decoded \
            video each, two at a time); a failed view exits 2 like a failed session, and 7 means \
            GStreamer is missing here.

            --json prints {"schemaVersion":1,"at":…,"live":…,"degraded":…,"failed":…,"devices":[…]}; \
            each device's "state" is a plain word with "reason", "retryAt" and "failure" beside \
            it (the README's "JSON output" section lists every field).

            Example: vicotop status --once --json | jq '.devices[] | {serialNumber, state, reason, retryAt}'
                     vicotop status --once --media --json | jq '.devices[] | {serialNumber, media: .media.state}'
            """)

    @ParentCommand var root: Vicotop

    @Flag(help: "Report once and exit (the only mode for now).")
    var once = false

    @Flag(help: "Print the report as JSON.")
    var json = false

    @Option(help: ArgumentHelp("Seconds to wait for sessions to settle.", valueName: "seconds"))
    var settle: Double = 10

    @Flag(help: "Also check every live camera's live view (two at a time) and exit by the worst verdict.")
    var media = false

    @Option(name: .customLong("media-timeout"), help: ArgumentHelp("Seconds to wait for the live-view checks.", valueName: "seconds"))
    var mediaTimeout: Double = 120

    @Option(name: .customLong("device"), help: ArgumentHelp("Report only this serial (repeatable).", valueName: "serial"))
    var serials: [String] = []

    func validate() throws {
        guard once else { throw ValidationError("status needs --once (a continuous view is `vicotop watch`)") }
        guard settle > 0 else { throw ValidationError("--settle must be positive") }
    }

    func run() async throws {
        let options = root.global
        var health = ExitStatus.success
        try await runReportingFailures {
            let config = try EffectiveConfiguration.load(options, deviceFlags: serials)
            LogSetup.bootstrap(level: config.logLevel.value)
            try await Account.using(options) { account in
                let fleet = try await FleetSession.start(account: account, config: config, probeICE: false, metrics: options.metricsListen)
                // Settled states, and one answered or lost ping per live camera, so the report
                // carries an RTT (the first ping goes as the socket opens).
                _ = await fleet.manager.waitUntil(timeout: .milliseconds(Int64(settle * 1000))) { $0.allSatisfy(Self.hasVerdict) }
                if media {
                    await fleet.manager.checkAllMedia()
                    _ = await fleet.manager.waitForMediaIdle(timeout: .milliseconds(Int64(mediaTimeout * 1000)))
                }
                let snapshots = fleet.manager.snapshots
                await fleet.manager.shutdown()
                if json {
                    try JSONOutput.print(FleetSummary(snapshots, shard: config.shard.value), revealSecrets: false)
                } else {
                    // Said only when sharded, so the unsharded report stays as it was.
                    if !config.shard.value.isWhole {
                        print("shard \(config.shard.value): \(snapshots.count) camera\(snapshots.count == 1 ? "" : "s") of this shard")
                    }
                    print(StatusTable().render(snapshots, media: media))
                }
                let verdicts = snapshots.compactMap(\.media.verdict)
                if verdicts.contains(where: { if case .unavailable = $0 { true } else { false } }) {
                    health = .mediaUnavailable
                } else if snapshots.contains(where: { $0.state.health == .failed })
                    || verdicts.contains(where: { if case .failed = $0 { true } else { false } }) {
                    health = .failed
                } else if snapshots.contains(where: { $0.state.health == .degraded }) {
                    health = .degraded
                }
            }
        }
        if health != .success { throw health.code }
    }

    /// Whether a camera's line is final: a settled state and, when live, a ping's outcome.
    static func hasVerdict(_ snapshot: DeviceSnapshot) -> Bool {
        settled(snapshot.state) && (!snapshot.state.isLive || !snapshot.ping.isEmpty)
    }

    static func settled(_ state: SessionState) -> Bool {
        switch state {
        case .live, .refreshing, .backingOff, .failed, .unauthorized, .stopped: true
        case .idle, .requestingTicket, .connecting: false
        }
    }
}
