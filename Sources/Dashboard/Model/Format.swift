import Foundation

/// Short, fixed-width renderings of times and figures for the dashboard's columns.
public enum Format {
    /// `4:59`, `1:02:03`; `expired` at or below zero.
    public static func countdown(_ seconds: TimeInterval) -> String {
        guard seconds.isFinite, abs(seconds) < 1e12 else { return "—" }
        guard seconds > 0 else { return "expired" }
        let total = Int(seconds.rounded(.down))
        let (hours, minutes, secs) = (total / 3600, total / 60 % 60, total % 60)
        return hours > 0 ? String(format: "%d:%02d:%02d", hours, minutes, secs) : String(format: "%d:%02d", minutes, secs)
    }

    /// ``age(_:)`` for a column of many rows: exact below 10 s, then in steps of 10 s below a
    /// minute (`10s` … `50s`). A list of a thousand cameras whose ages all ticked every
    /// second rewrote a cell per visible row per second, most of an idle dashboard's output
    /// over SSH; the detail pane keeps the exact age.
    public static func coarseAge(_ seconds: TimeInterval) -> String {
        guard seconds.isFinite, abs(seconds) < 1e12 else { return "—" }
        let value = max(0, Int(seconds))
        return (10..<60).contains(value) ? "\(value / 10 * 10)s" : age(seconds)
    }

    /// `12s`, `5m`, `3h`, `2d`: how long ago.
    public static func age(_ seconds: TimeInterval) -> String {
        guard seconds.isFinite, abs(seconds) < 1e12 else { return "—" }
        let value = max(0, Int(seconds))
        if value < 60 { return "\(value)s" }
        if value < 3600 { return "\(value / 60)m" }
        if value < 86_400 { return "\(value / 3600)h" }
        return "\(value / 86_400)d"
    }

    /// `0.8 ms`, `12 ms`, `1.25 s`.
    public static func milliseconds(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "—" }
        if value >= 1000 { return String(format: "%.2f s", value / 1000) }
        if value < 10 { return String(format: "%.1f ms", value) }
        return String(format: "%.0f ms", value)
    }

    /// `0%`, `3.3%`.
    public static func percent(_ value: Double) -> String {
        guard value.isFinite else { return "—" }
        if value == 0 || value >= 10 { return String(format: "%.0f%%", value) }
        return String(format: "%.1f%%", value)
    }

    /// `5s`, `2m30s`: a configured interval.
    public static func interval(_ seconds: TimeInterval) -> String {
        guard seconds.isFinite, seconds >= 0, seconds < 1e12 else { return "—" }
        let total = Int(seconds.rounded())
        if total < 60 { return "\(total)s" }
        return total % 60 == 0 ? "\(total / 60)m" : "\(total / 60)m\(total % 60)s"
    }

    /// `14:05:09` in `zone`.
    public static func time(_ date: Date, in zone: TimeZone = .current) -> String {
        let (hours, minutes, seconds) = wallClock(date, zone)
        return String(format: "%02d:%02d:%02d", hours, minutes, seconds)
    }

    /// `14:05` in `zone`.
    public static func clock(_ date: Date, in zone: TimeZone = .current) -> String {
        let (hours, minutes, _) = wallClock(date, zone)
        return String(format: "%02d:%02d", hours, minutes)
    }

    private static func wallClock(_ date: Date, _ zone: TimeZone) -> (Int, Int, Int) {
        let since1970 = date.timeIntervalSince1970
        guard since1970.isFinite, abs(since1970) < 1e12 else { return (0, 0, 0) }
        let local = Int(since1970.rounded(.down)) + zone.secondsFromGMT(for: date)
        let day = ((local % 86_400) + 86_400) % 86_400
        return (day / 3600, day / 60 % 60, day % 60)
    }
}
