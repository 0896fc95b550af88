import ArgumentParser
import Foundation
import Logging

/// Sends every log line of a long-running mode to the log file, never to the terminal.
enum LogSetup {
    /// Bootstraps swift-log with a ``FileLogHandler`` at `level`; returns the file, or nil
    /// (with a warning on standard error) when it cannot be opened.
    @discardableResult
    static func bootstrap(level: Logger.Level, environment: [String: String] = ProcessInfo.processInfo.environment) -> LogFile? {
        let url = LogFile.defaultURL(environment: environment)
        do {
            let file = try LogFile(url: url)
            LoggingSystem.bootstrap { label in FileLogHandler(label: label, file: file, logLevel: level) }
            return file
        } catch {
            Terminal.error("vicotop: cannot open the log file \(url.path) (\(error.localizedDescription)); logging is off")
            LoggingSystem.bootstrap { _ in SwiftLogNoOpLogHandler() }
            return nil
        }
    }
}

extension Logger.Level: @retroactive ExpressibleByArgument {}
