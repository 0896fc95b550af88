import ArgumentParser
import Dashboard
import Dispatch
import Foundation
import VicotopConfig
import LiveSession
import VicohomeAPI

/// `vicotop dashboard` (the default): the ncurses dashboard.
struct DashboardCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dashboard",
        abstract: "The terminal dashboard: devices, ticket countdowns, ping health, ICE candidates (the default).",
        discussion: """
            Keys: j/k or arrows select, Enter focuses the detail, r reconnects, R reconnects all, \
            t refreshes the ticket, s stops or resumes, p probes ICE, / filters, o sorts, a adds, \
            d removes, c copies the traceId (OSC 52), e exports the report, T cycles themes, \
            ? shows every key, q quits.

            Themes are TOML files looked up in --theme-dir, then $XDG_CONFIG_HOME/vicotop/themes, \
            then the themes/ folder shipped with vicotop. NO_COLOR turns colour off; COLORTERM=truecolor \
            uses 24-bit colour where a -direct terminfo entry exists. ESCDELAY is 25 ms unless set.

            Standard input and output must be a terminal; for scripts use `vicotop watch --plain`, \
            `vicotop watch --jsonl` or `vicotop status --once`.
            """)

    @ParentCommand var root: Vicotop

    @Option(help: ArgumentHelp("Colour theme (default, light, high-contrast, solarized-dark, monochrome, or your own).", valueName: "name"))
    var theme: String?

    @Option(name: .customLong("theme-dir"), help: ArgumentHelp("Look for themes in this folder first.", valueName: "path"))
    var themeDirectory: String?

    @Flag(help: "ASCII borders, bars and sparklines (automatic when the locale is not UTF-8).")
    var ascii = false

    @OptionGroup var selection: FleetOptions

    func run() throws {
        // Reached only when another entry point runs the command; `Entry` calls launch().
        launch()
    }

    /// Checks the terminal, loads configuration and theme, then hands the main thread to
    /// Dispatch for good.
    func launch() -> Never {
        let environment = ProcessInfo.processInfo.environment
        let options = root.global
        let config: EffectiveConfiguration
        let theme: Theme
        let catalog = ThemeCatalog.standard(themeDirectory: themeDirectory, environment: environment)
        do {
            config = try EffectiveConfiguration.load(options, deviceFlags: selection.serials, mediaCheckInterval: selection.mediaCheckInterval)
            theme = try catalog.load(self.theme ?? config.theme.value)
        } catch let error as ThemeError {
            Terminal.error("vicotop: \(error.description)")
            Foundation.exit(ExitStatus.usage.rawValue)
        } catch {
            Self.exit(after: .failed(error))
        }
        // Configuration and theme errors come first: they are worth fixing whatever the
        // terminal. Then the dashboard needs a terminal on both ends.
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            Terminal.error("""
                vicotop: the dashboard needs a terminal on standard input and output. For scripts, pick a mode:
                  vicotop watch --plain      readable lines
                  vicotop watch --jsonl      one JSON object per line
                  vicotop status --once      one status report, exit code by health
                """)
            Foundation.exit(ExitStatus.usage.rawValue)
        }
        let logFile = LogSetup.bootstrap(level: config.logLevel.value)
        let demo = Account.usesDemo(token: (try? Account.locateToken(options, environment: environment))?.token, config: config)
        let header = HeaderInfo(
            endpoint: demo ? "embedded simulator" : (config.apiBase.value ?? config.region.value?.baseURL.absoluteString ?? Region.us.baseURL.absoluteString),
            isDemo: demo, account: demo ? "demo account" : "account", shard: config.shard.value)
        let dashboardOptions = DashboardOptions(
            theme: theme, catalog: catalog, forceASCII: ascii, environment: environment, header: header,
            reportDirectory: URL(fileURLWithPath: FileManager.default.currentDirectoryPath), stderrPath: logFile?.url.path,
            eventHistory: config.eventHistory.value)
        let probeICE = !selection.noICE
        let connector: DashboardConnector = { attach in
            let fleet = try await FleetSession.connect(options, config: config, probeICE: probeICE, environment: environment, quiet: true, attach: attach)
            let account = fleet.account
            let located = try? Account.locateToken(options, environment: environment)
            let endpoint = account.client.configuration.baseURL
            let header = HeaderInfo(
                endpoint: account.isDemo ? "\(endpoint.host ?? "127.0.0.1"):\(endpoint.port ?? 80)" : endpoint.absoluteString,
                isDemo: account.isDemo,
                account: account.isDemo ? "demo account" : "token from \(located?.source ?? "configuration")",
                shard: config.shard.value)
            return DashboardConnection(manager: fleet.manager, header: header, close: { await fleet.stop() })
        }
        DispatchQueue.main.async {
            MainActor.assumeIsolated {
                let app = DashboardApp(options: dashboardOptions, connector: connector) { exit in Self.exit(after: exit) }
                do { try app.start() } catch {
                    Terminal.error("vicotop: cannot start the dashboard: \(error)")
                    Foundation.exit(ExitStatus.internalError.rawValue)
                }
                DashboardCommand.running = app
            }
        }
        dispatchMain()
    }

    /// Keeps the app alive for the life of the process.
    @MainActor static var running: DashboardApp?

    /// Ends the process once the terminal is restored: 0 for q or a signal, the failure's
    /// exit status (with its message) when the fleet could not be set up.
    static func exit(after exit: DashboardExit) -> Never {
        switch exit {
        case .quit, .terminalGone:
            Foundation.exit(ExitStatus.success.rawValue)
        case .failed(let error):
            let (message, status) = FailureReport.describe(error)
            Terminal.error("vicotop: \(message)")
            Foundation.exit(status.rawValue)
        }
    }
}
