import Foundation

/// Keep-alive health of one signaling socket over a rolling window of pings.
///
/// Jitter follows RFC 3550 §6.4.1: on each answered ping after the first,
/// `J += (|D| − J) / 16`, where `D` is the difference between consecutive round trips.
/// Loss is the share of lost pings in the window; a ping counts as lost when its pong
/// has not arrived by its deadline.
public struct PingStatistics: Sendable, Hashable, Codable {
    /// How many pings the window holds.
    public static let windowSize = 60

    /// Round trip of each ping in the window, oldest first; `nil` for a lost ping.
    public private(set) var window: [Double?] = []
    /// The last answered round trip, in milliseconds.
    public private(set) var lastMs: Double?
    /// RFC 3550 interarrival jitter of the round trips, in milliseconds.
    public private(set) var jitterMs: Double = 0
    /// Lost pings in a row, up to now.
    public private(set) var consecutiveMisses = 0
    /// Pings sent over the whole session.
    public private(set) var sent = 0
    /// Pongs received over the whole session.
    public private(set) var received = 0

    /// Empty statistics.
    public init() {}

    /// Records the pong of a ping, `rttMs` after it was sent.
    public mutating func recordAnswer(rttMs: Double) {
        if let previous = lastMs {
            jitterMs += (abs(rttMs - previous) - jitterMs) / 16
        }
        lastMs = rttMs
        consecutiveMisses = 0
        received += 1
        append(rttMs)
    }

    /// Records a ping whose deadline passed without a pong.
    public mutating func recordLoss() {
        consecutiveMisses += 1
        append(nil)
    }

    /// Records that a ping went out.
    public mutating func recordSent() { sent += 1 }

    private mutating func append(_ sample: Double?) {
        window.append(sample)
        if window.count > Self.windowSize { window.removeFirst(window.count - Self.windowSize) }
    }

    private var answered: [Double] { window.compactMap { $0 } }

    /// The smallest round trip in the window.
    public var minMs: Double? { answered.min() }
    /// The largest round trip in the window.
    public var maxMs: Double? { answered.max() }
    /// The mean round trip in the window.
    public var avgMs: Double? {
        let values = answered
        return values.isEmpty ? nil : values.reduce(0, +) / Double(values.count)
    }
    /// Lost pings as a percentage of the window.
    public var lossPercent: Double {
        window.isEmpty ? 0 : Double(window.count - answered.count) * 100 / Double(window.count)
    }
    /// The last `count` samples for a sparkline, oldest first; `nil` marks a lost ping.
    public func history(_ count: Int = 30) -> [Double?] { Array(window.suffix(count)) }
}
