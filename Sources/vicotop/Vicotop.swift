import ArgumentParser
import VicohomeAPI

/// The `vicotop` command: global options, then a subcommand.
struct Vicotop: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vicotop",
        abstract: "Watch and diagnose live-view sessions to Vicohome cameras.",
        discussion: """
            With no account configured, vicotop talks to an embedded simulator of the cloud \
            with a demo fleet, so every command works on a fresh machine. Give a token \
            (--token, VICOHOME_TOKEN or --token-file) to use a real account.

            Global options may stand before or after the subcommand.

            EXIT CODES
              0   success
              1   status: some device is degraded
              2   status: some device has failed
              3   authentication failure (missing, invalid, expired or revoked token)
              4   device error (invalid serial 101, device offline 102)
              5   network or server failure (unreachable, timeout, HTTP 5xx, malformed answer)
              6   check: the live view failed (no answer, ICE, DTLS, data channel, startLive, no video)
              7   check: live view unavailable here (install GStreamer's plugins; the message names them)
              64  usage error (unknown option, bad value)
              70  internal error
            """,
        version: VicotopVersion.current,
        subcommands: [DashboardCommand.self, WatchCommand.self, StatusCommand.self, LoginCommand.self, ConfigCommand.self, TicketCommand.self, CheckCommand.self, DevicesCommand.self, ProbeCommand.self, SimulateCommand.self, BenchCommand.self, MonitoringCommand.self],
        defaultSubcommand: DashboardCommand.self
    )

    @OptionGroup(title: "Global options")
    var global: GlobalOptions
}
