import Foundation
import Logging
import LiveSession
import VicohomeAPI
import VicotopConfig

/// Where a setting came from, weakest first: default, config file, environment, flag.
enum SettingSource: CustomStringConvertible, Equatable, Sendable {
    case standard
    case file(String)
    case environment(String)
    case flag(String)

    var description: String {
        switch self {
        case .standard: "default"
        case .file(let path): "config file \(path)"
        case .environment(let name): "environment \(name)"
        case .flag(let name): "flag \(name)"
        }
    }
}

/// A setting's value and where it came from.
struct Setting<Value: Sendable>: Sendable {
    var value: Value
    var source: SettingSource
}

/// The configuration in force: `$XDG_CONFIG_HOME/vicotop/config.toml`, overridden by
/// environment variables, overridden by flags.
///
/// | key (file) | environment | flag |
/// |---|---|---|
/// | `api_base` | `VICOTOP_API_BASE` | `--api-base` |
/// | `region` | `VICOTOP_REGION` | `--region` |
/// | `auth_scheme` | `VICOTOP_AUTH_SCHEME` | `--auth-scheme` |
/// | `devices` (list of serials, or `"all"`) | `VICOTOP_DEVICES` (comma list or `all`) | `--device` |
/// | `theme` | `VICOTOP_THEME` | — |
/// | `refresh_margin` (seconds) | `VICOTOP_REFRESH_MARGIN` | — |
/// | `log_level` | `VICOTOP_LOG_LEVEL` | `--log-level` |
/// | `event_history` (events kept per camera) | `VICOTOP_EVENT_HISTORY` | — |
/// | `media_check_interval` (seconds; off by default) | `VICOTOP_MEDIA_CHECK_INTERVAL` | `--media-check-interval` |
/// | `shard` (`"K/N"`; the whole fleet by default) | `VICOTOP_SHARD` | `--shard` |
struct EffectiveConfiguration: Sendable {
    var apiBase: Setting<String?> = .init(value: nil, source: .standard)
    var region: Setting<Region?> = .init(value: nil, source: .standard)
    var authScheme: Setting<AuthScheme> = .init(value: .bearer, source: .standard)
    var devices: Setting<[String]> = .init(value: [], source: .standard)
    var theme: Setting<String> = .init(value: "default", source: .standard)
    var refreshMargin: Setting<Double?> = .init(value: nil, source: .standard)
    var logLevel: Setting<Logger.Level> = .init(value: .info, source: .standard)
    var eventHistory: Setting<Int> = .init(value: SessionConfiguration().eventHistory, source: .standard)
    var mediaCheckInterval: Setting<Double?> = .init(value: nil, source: .standard)
    var shard: Setting<Shard> = .init(value: .whole, source: .standard)

    /// The config file's path.
    static func fileURL(environment: [String: String]) -> URL {
        let base = environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : URL(fileURLWithPath: $0) }
            ?? FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".config")
        return base.appendingPathComponent("vicotop/config.toml")
    }

    /// Reads file, environment and flags. A malformed file is an error naming the file and the key.
    static func load(_ options: GlobalOptions, deviceFlags: [String] = [], mediaCheckInterval: Double? = nil,
                     environment: [String: String] = ProcessInfo.processInfo.environment) throws -> EffectiveConfiguration {
        var config = EffectiveConfiguration()
        let url = fileURL(environment: environment)
        if FileManager.default.fileExists(atPath: url.path) { try config.apply(file: url) }
        try config.apply(environment: environment)
        config.apply(options, deviceFlags: deviceFlags)
        if let seconds = mediaCheckInterval {
            guard ConfigFile.mediaCheckIntervalRange.contains(seconds) else {
                throw CommandFailure(status: .usage, message: "--media-check-interval must be between 10 and 86400 seconds")
            }
            config.mediaCheckInterval = .init(value: seconds, source: .flag("--media-check-interval"))
        }
        return config
    }

    private mutating func apply(file url: URL) throws {
        let path = url.path
        let text: String
        do { text = try String(contentsOf: url, encoding: .utf8) } catch {
            throw CommandFailure(status: .usage, message: "cannot read \(path): \(error.localizedDescription)")
        }
        let file: ConfigFile
        do { file = try ConfigFile.parse(text, path: path) } catch {
            throw CommandFailure(status: .usage, message: error.description)
        }
        func bad(_ key: String, _ expected: String) -> CommandFailure {
            CommandFailure(status: .usage, message: ConfigFileError(path: path, key: key, expected: expected).description)
        }
        let source = SettingSource.file(path)
        if let text = file.apiBase { apiBase = .init(value: text, source: source) }
        if let text = file.region {
            guard let region = Region(rawValue: text) else { throw bad("region", "\"us\" or \"eu\"") }
            self.region = .init(value: region, source: source)
        }
        if let text = file.authScheme {
            guard let scheme = AuthScheme(rawValue: text) else { throw bad("auth_scheme", "\"bearer\" or \"raw\"") }
            authScheme = .init(value: scheme, source: source)
        }
        if let list = file.devices { devices = .init(value: list, source: source) }
        if let text = file.theme { theme = .init(value: text, source: source) }
        if let seconds = file.refreshMargin { refreshMargin = .init(value: seconds, source: source) }
        if let count = file.eventHistory { eventHistory = .init(value: count, source: source) }
        if let seconds = file.mediaCheckInterval { mediaCheckInterval = .init(value: seconds, source: source) }
        if let text = file.logLevel {
            guard let level = Logger.Level(rawValue: text) else {
                throw bad("log_level", "one of trace, debug, info, notice, warning, error, critical")
            }
            logLevel = .init(value: level, source: source)
        }
        if let text = file.shard {
            do throws(ShardError) { shard = .init(value: try Shard(parsing: text), source: source) } catch {
                throw CommandFailure(status: .usage, message: ConfigFileError(path: path, problem: "key 'shard': \(error.description)").description)
            }
        }
    }

    private mutating func apply(environment: [String: String]) throws {
        func value(_ name: String) -> String? { environment[name].flatMap { $0.isEmpty ? nil : $0 } }
        func bad(_ name: String, _ expected: String) -> CommandFailure {
            CommandFailure(status: .usage, message: "environment \(name) must be \(expected)")
        }
        if let text = value("VICOTOP_API_BASE") { apiBase = .init(value: text, source: .environment("VICOTOP_API_BASE")) }
        if let text = value("VICOTOP_REGION") {
            guard let region = Region(rawValue: text) else { throw bad("VICOTOP_REGION", "us or eu") }
            self.region = .init(value: region, source: .environment("VICOTOP_REGION"))
        }
        if let text = value("VICOTOP_AUTH_SCHEME") {
            guard let scheme = AuthScheme(rawValue: text) else { throw bad("VICOTOP_AUTH_SCHEME", "bearer or raw") }
            authScheme = .init(value: scheme, source: .environment("VICOTOP_AUTH_SCHEME"))
        }
        if let text = value("VICOTOP_DEVICES") {
            let list = text == "all" ? [] : text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            devices = .init(value: list, source: .environment("VICOTOP_DEVICES"))
        }
        if let text = value("VICOTOP_THEME") { theme = .init(value: text, source: .environment("VICOTOP_THEME")) }
        if let text = value("VICOTOP_REFRESH_MARGIN") {
            let limit = ConfigFile.refreshMarginLimit
            guard let seconds = Double(text), seconds > 0, seconds <= limit else {
                throw bad("VICOTOP_REFRESH_MARGIN", "seconds between 0 and \(Int(limit))")
            }
            refreshMargin = .init(value: seconds, source: .environment("VICOTOP_REFRESH_MARGIN"))
        }
        if let text = value("VICOTOP_EVENT_HISTORY") {
            let range = ConfigFile.eventHistoryRange
            guard let count = Int(text), range.contains(count) else {
                throw bad("VICOTOP_EVENT_HISTORY", "a whole number between \(range.lowerBound) and \(range.upperBound)")
            }
            eventHistory = .init(value: count, source: .environment("VICOTOP_EVENT_HISTORY"))
        }
        if let text = value("VICOTOP_MEDIA_CHECK_INTERVAL") {
            let range = ConfigFile.mediaCheckIntervalRange
            guard let seconds = Double(text), range.contains(seconds) else {
                throw bad("VICOTOP_MEDIA_CHECK_INTERVAL", "seconds between \(Int(range.lowerBound)) and \(Int(range.upperBound))")
            }
            mediaCheckInterval = .init(value: seconds, source: .environment("VICOTOP_MEDIA_CHECK_INTERVAL"))
        }
        if let text = value("VICOTOP_SHARD") {
            do throws(ShardError) { shard = .init(value: try Shard(parsing: text), source: .environment("VICOTOP_SHARD")) } catch {
                throw CommandFailure(status: .usage, message: "environment VICOTOP_SHARD: \(error.description)")
            }
        }
        if let text = value("VICOTOP_LOG_LEVEL") {
            guard let level = Logger.Level(rawValue: text) else { throw bad("VICOTOP_LOG_LEVEL", "a log level") }
            logLevel = .init(value: level, source: .environment("VICOTOP_LOG_LEVEL"))
        }
    }

    private mutating func apply(_ options: GlobalOptions, deviceFlags: [String]) {
        if let text = options.apiBase { apiBase = .init(value: text, source: .flag("--api-base")) }
        if let region = options.region { self.region = .init(value: region, source: .flag("--region")) }
        if let scheme = options.authScheme { authScheme = .init(value: scheme, source: .flag("--auth-scheme")) }
        if !deviceFlags.isEmpty { devices = .init(value: deviceFlags, source: .flag("--device")) }
        if let level = options.logLevel { logLevel = .init(value: level, source: .flag("--log-level")) }
        if let value = options.shard { shard = .init(value: value, source: .flag("--shard")) }
    }
}
