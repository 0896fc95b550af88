import TOMLKit

/// The settings of `config.toml`, checked for shape: known keys only, each of the right
/// type and range. Values that name something (a region, a scheme, a level) are checked
/// against their lists by whoever maps them, with ``ConfigFileError`` for the message.
///
/// ```toml
/// api_base = "https://api-us.vicohome.io"
/// devices = ["VDCA1P2410000131"]   # or "all"
/// refresh_margin = 60
/// event_history = 200
/// media_check_interval = 3600
/// shard = "2/3"
/// ```
public struct ConfigFile: Sendable, Hashable {
    /// `api_base`.
    public var apiBase: String?
    /// `region`, unchecked.
    public var region: String?
    /// `auth_scheme`, unchecked.
    public var authScheme: String?
    /// `devices`: the serials to watch; an empty list for `"all"`; nil when absent.
    public var devices: [String]?
    /// `theme`.
    public var theme: String?
    /// `refresh_margin`, seconds in 0 < x ≤ 3600.
    public var refreshMargin: Double?
    /// `log_level`, unchecked.
    public var logLevel: String?
    /// `event_history`: events kept per camera, in ``eventHistoryRange``.
    public var eventHistory: Int?
    /// `media_check_interval`: seconds between live-view checks of each camera, in ``mediaCheckIntervalRange``.
    public var mediaCheckInterval: Double?
    /// `shard`: `"K/N"`, unchecked (the session library reads it).
    public var shard: String?

    /// The longest `refresh_margin`, in seconds.
    public static let refreshMarginLimit: Double = 3600

    /// The events a camera may keep (for its log pane and its report).
    public static let eventHistoryRange = 10...10_000
    /// The shortest and longest `media_check_interval`, in seconds: a live view wakes a
    /// battery camera, so not more often than every ten seconds.
    public static let mediaCheckIntervalRange: ClosedRange<Double> = 10...86_400

    /// The keys a config file may hold.
    public static let keys: Set<String> = [
        "api_base", "region", "auth_scheme", "devices", "theme", "refresh_margin", "log_level", "event_history", "media_check_interval", "shard",
    ]

    /// An empty file's settings.
    public init() {}

    /// Parses the TOML `text` of the file at `path` (named in errors).
    public static func parse(_ text: String, path: String) throws(ConfigFileError) -> ConfigFile {
        let table: TOMLTable
        do { table = try TOMLDocument.parse(text) } catch {
            throw ConfigFileError(path: path, problem: "line \(error.line): \(error.message)")
        }
        for key in table.keys.sorted() where !keys.contains(key) {
            throw ConfigFileError(path: path, problem: "unknown key '\(key)' (known: \(keys.sorted().joined(separator: ", ")))")
        }
        func string(_ key: String, _ expected: String) throws(ConfigFileError) -> String? {
            guard let value = table[key] else { return nil }
            guard let text = value.string else { throw ConfigFileError(path: path, key: key, expected: expected) }
            return text
        }
        var file = ConfigFile()
        file.apiBase = try string("api_base", "a string URL")
        file.region = try string("region", "\"us\" or \"eu\"")
        file.authScheme = try string("auth_scheme", "\"bearer\" or \"raw\"")
        file.theme = try string("theme", "a theme name")
        file.logLevel = try string("log_level", "one of trace, debug, info, notice, warning, error, critical")
        file.shard = try string("shard", "a string \"K/N\", such as \"1/3\"")
        if let value = table["devices"] {
            if value.string == "all" {
                file.devices = []
            } else if let list = value.array?.map({ $0.string }), list.allSatisfy({ $0 != nil }) {
                file.devices = list.compactMap { $0 }
            } else {
                throw ConfigFileError(path: path, key: "devices", expected: "a list of serial numbers or \"all\"")
            }
        }
        if let value = table["refresh_margin"] {
            guard let seconds = value.double ?? value.int.map(Double.init), seconds > 0, seconds <= refreshMarginLimit else {
                throw ConfigFileError(path: path, key: "refresh_margin", expected: "seconds between 0 and \(Int(refreshMarginLimit))")
            }
            file.refreshMargin = seconds
        }
        if let value = table["event_history"] {
            guard let count = value.int, eventHistoryRange.contains(count) else {
                throw ConfigFileError(path: path, key: "event_history",
                                      expected: "a whole number of events between \(eventHistoryRange.lowerBound) and \(eventHistoryRange.upperBound)")
            }
            file.eventHistory = count
        }
        if let value = table["media_check_interval"] {
            guard let seconds = value.double ?? value.int.map(Double.init), mediaCheckIntervalRange.contains(seconds) else {
                throw ConfigFileError(path: path, key: "media_check_interval",
                                      expected: "seconds between \(Int(mediaCheckIntervalRange.lowerBound)) and \(Int(mediaCheckIntervalRange.upperBound))")
            }
            file.mediaCheckInterval = seconds
        }
        return file
    }
}

/// A config file that cannot be used: `PATH: key 'KEY' must be …`, or what the TOML
/// parser said, with the line.
public struct ConfigFileError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file.
    public var path: String
    /// What is wrong, without the path.
    public var problem: String

    /// An error about the file as a whole.
    public init(path: String, problem: String) {
        self.path = path
        self.problem = problem
    }

    /// A key whose value is not what it must be.
    public init(path: String, key: String, expected: String) {
        self.init(path: path, problem: "key '\(key)' must be \(expected)")
    }

    public var description: String {
        problem.hasPrefix("line ") ? "\(path) \(problem)" : "\(path): \(problem)"
    }
}
