import Foundation

/// The rules that turn the cloud's loosely typed numbers into dates and durations.
///
/// The seed document and real servers disagree on units (see the protocol notes), so
/// every decoder in this module goes through these two functions:
///
/// - **Timestamps**: a number (or numeric string) below 100 000 000 000 is epoch
///   *seconds*; anything larger is epoch *milliseconds*. 10^11 seconds is the year
///   5138 and 10^11 milliseconds is March 1973, so no real value is ambiguous.
///   Strings that are not numbers are read as ISO-8601, with or without fractional
///   seconds.
/// - **Intervals** (`signalPingInterval`, `appStopLiveTimeout`, `deviceSleepTimeout`):
///   a value of 1000 or more is *milliseconds*, a smaller one is *seconds*. The seed's
///   `10000` and `"30000"` are therefore 10 s and 30 s, and real servers' `5` and `30`
///   are 5 s and 30 s. No keep-alive runs faster than once a second, and none of these
///   timeouts is 1000 s or longer, so the threshold separates the two units.
public enum WireUnits {
    /// Epoch values below this are seconds; at or above, milliseconds.
    public static let epochMillisecondsThreshold: Double = 100_000_000_000

    /// Interval values at or above this are milliseconds; below, seconds.
    public static let intervalMillisecondsThreshold: Double = 1000

    /// Converts an epoch number in seconds or milliseconds to a date.
    public static func date(fromEpoch value: Double) -> Date {
        value < epochMillisecondsThreshold
            ? Date(timeIntervalSince1970: value)
            : Date(timeIntervalSince1970: value / 1000)
    }

    /// Converts an interval in seconds or milliseconds to seconds.
    public static func seconds(fromInterval value: Double) -> TimeInterval {
        value >= intervalMillisecondsThreshold ? value / 1000 : value
    }

    /// Parses an ISO-8601 timestamp, with or without fractional seconds.
    public static func date(fromISO8601 text: String) -> Date? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let date = try? Date(trimmed, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true)) {
            return date
        }
        return try? Date(trimmed, strategy: Date.ISO8601FormatStyle())
    }
}
