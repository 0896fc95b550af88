import ArgumentParser

/// `vicotop monitoring rules|grafana`: the files that turn the metrics into alerts and graphs.
struct MonitoringCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "monitoring",
        abstract: "Print Prometheus alerting rules or a Grafana dashboard for vicotop's metrics.",
        discussion: """
            Both are written against the metrics that --metrics-listen serves (see the README's \
            metrics table) and keep each series' instance and serial labels, so sharded watchers \
            (--shard K/N) are alerted on and graphed together.

            Examples:
              vicotop monitoring rules > /etc/prometheus/vicotop-rules.yml && promtool check rules /etc/prometheus/vicotop-rules.yml
              vicotop monitoring grafana > vicotop-dashboard.json   # Grafana: Dashboards → New → Import
            """,
        subcommands: [Rules.self, Grafana.self])

    /// `vicotop monitoring rules`.
    struct Rules: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Prometheus alerting rules: a camera not live for 5 min, a ticket near expiry not refreshed, ping loss over 20 %, live-view checks failing.")

        func run() {
            print(AlertingRules.yaml)
        }
    }

    /// `vicotop monitoring grafana`.
    struct Grafana: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "A Grafana dashboard (JSON to import) with a shard selector: live cameras, states, tickets, pings, reconnects, live views.")

        func run() {
            print(GrafanaDashboard.json)
        }
    }
}
