import ArgumentParser

/// Which cameras a long-running mode watches, and whether it probes their ICE servers:
/// shared by `dashboard` and `watch`.
struct FleetOptions: ParsableArguments {
    @Option(name: .customLong("device"), help: ArgumentHelp("Watch only this serial (repeatable).", valueName: "serial"))
    var serials: [String] = []

    @Flag(name: .customLong("no-ice"), help: "Skip probing each ticket's ICE servers.")
    var noICE = false

    @Option(name: .customLong("media-check-interval"),
            help: ArgumentHelp("Check every camera's live view at this pace, spread over the interval (off by default).", valueName: "seconds"))
    var mediaCheckInterval: Double?
}
