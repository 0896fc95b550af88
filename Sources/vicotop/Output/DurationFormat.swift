import Foundation

/// Short human forms of durations: `4m 59s`, `850 ms`, `1h 02m`.
enum DurationFormat {
    static func short(_ seconds: TimeInterval) -> String {
        guard seconds.isFinite else { return "—" }
        let sign = seconds < 0 ? "-" : ""
        let value = abs(seconds)
        if value < 1 { return "\(sign)\(Int((value * 1000).rounded())) ms" }
        let total = Int(value.rounded(.down))
        if total < 60 { return "\(sign)\(total)s" }
        if total < 3600 { return "\(sign)\(total / 60)m \(String(format: "%02d", total % 60))s" }
        return "\(sign)\(total / 3600)h \(String(format: "%02d", (total % 3600) / 60))m"
    }

    /// An interval as the ticket states it: `5 s`, `0.5 s`.
    static func interval(_ seconds: TimeInterval) -> String {
        seconds == seconds.rounded() ? "\(Int(seconds)) s" : String(format: "%.3g s", seconds)
    }
}
