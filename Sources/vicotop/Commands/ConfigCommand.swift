import ArgumentParser
import Foundation
import LiveSession
import VicohomeAPI

/// `vicotop config --show`: the configuration in force and where each value came from.
struct ConfigCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Show the effective configuration and where each value came from (secrets masked).",
        discussion: """
            Values come from $XDG_CONFIG_HOME/vicotop/config.toml, then environment variables \
            (VICOTOP_API_BASE, VICOTOP_REGION, VICOTOP_AUTH_SCHEME, VICOTOP_DEVICES, VICOTOP_THEME, \
            VICOTOP_REFRESH_MARGIN, VICOTOP_LOG_LEVEL, VICOTOP_EVENT_HISTORY, VICOTOP_MEDIA_CHECK_INTERVAL, \
            VICOTOP_SHARD), then flags; later ones win.
            """)

    @ParentCommand var root: Vicotop

    @Flag(help: "Show the configuration (the only action for now).")
    var show = false

    func validate() throws {
        guard show else { throw ValidationError("config needs --show") }
    }

    func run() async throws {
        let options = root.global
        try await runReportingFailures {
            let environment = ProcessInfo.processInfo.environment
            let config = try EffectiveConfiguration.load(options, environment: environment)
            let demo = config.apiBase.value == nil && config.region.value == nil
            let located = try Account.locateToken(options, environment: environment)
            let token = located.map { ($0.token.redacted, $0.source) }
                ?? (demo ? "(none: the embedded demo simulator is used)" : "(none: run vicotop login)", SettingSource.standard.description)
            let rows: [(String, String, String)] = [
                ("config file", EffectiveConfiguration.fileURL(environment: environment).path, ""),
                ("api_base", config.apiBase.value ?? "(from region)", config.apiBase.source.description),
                ("region", config.region.value?.rawValue ?? "us", config.region.source.description),
                ("auth_scheme", config.authScheme.value.rawValue, config.authScheme.source.description),
                ("devices", config.devices.value.isEmpty ? "all" : config.devices.value.joined(separator: ", "), config.devices.source.description),
                ("theme", config.theme.value, config.theme.source.description),
                ("refresh_margin", config.refreshMargin.value.map { "\($0) s" } ?? "rule: max(20 % of lifetime, 30 s), ≤ 120 s", config.refreshMargin.source.description),
                ("log_level", config.logLevel.value.rawValue, config.logLevel.source.description),
                ("event_history", "\(config.eventHistory.value) events per camera, \(SessionConfiguration().eventBudget) across the fleet", config.eventHistory.source.description),
                ("media_check_interval", config.mediaCheckInterval.value.map { "every \(Int($0)) s, spread over the cameras" } ?? "off",
                 config.mediaCheckInterval.source.description),
                ("shard", config.shard.value.isWhole ? "1/1 (every camera)" : "\(config.shard.value) (rendezvous hashing of serials)",
                 config.shard.source.description),
                ("token", token.0, token.1),
            ]
            let width = rows.map(\.0.count).max() ?? 0
            for (key, value, source) in rows {
                let padded = key.padding(toLength: width, withPad: " ", startingAt: 0)
                print("\(padded)  \(Sanitizer.singleLine(value))" + (source.isEmpty ? "" : "  [\(source)]"))
            }
        }
    }
}
