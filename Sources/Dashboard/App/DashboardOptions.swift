import Foundation
import VicotopConfig

/// How the dashboard starts.
public struct DashboardOptions: Sendable {
    /// The theme to start with.
    public var theme: Theme
    /// Where `T` finds the other themes.
    public var catalog: ThemeCatalog
    /// ASCII borders, bars and sparklines even on a UTF-8 terminal.
    public var forceASCII: Bool
    /// The environment (TERM, COLORTERM, NO_COLOR, ESCDELAY).
    public var environment: [String: String]
    /// What the header shows until the connection is up.
    public var header: HeaderInfo
    /// Where `e` writes connection reports.
    public var reportDirectory: URL
    /// Where standard error goes while the screen is drawn (the log file), so stray
    /// output cannot tear the frame; nil discards it.
    public var stderrPath: String?
    /// Events kept per device for the log pane.
    public var eventHistory: Int

    /// Creates options.
    public init(theme: Theme, catalog: ThemeCatalog, forceASCII: Bool, environment: [String: String], header: HeaderInfo,
                reportDirectory: URL, stderrPath: String?, eventHistory: Int = EventLog.defaultCapacity) {
        self.eventHistory = eventHistory
        self.theme = theme
        self.catalog = catalog
        self.forceASCII = forceASCII
        self.environment = environment
        self.header = header
        self.reportDirectory = reportDirectory
        self.stderrPath = stderrPath
    }
}

/// How the dashboard ended, for the exit code.
public enum DashboardExit: Sendable {
    /// `q`, or a signal asking to stop.
    case quit(signal: Int32?)
    /// The terminal went away (stdin end of file or error).
    case terminalGone
    /// The fleet could not be set up.
    case failed(any Error)
}
