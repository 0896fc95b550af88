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
    public var window: [Double?] { samples.map { $0 == Self.lost ? nil : Double($0) } }
    /// The window as stored: milliseconds as `Float`, ``lost`` for a lost ping. Every camera
    /// holds this twice (its session and its snapshot); as `[Double?]` (16 bytes a sample) it
    /// was about 2 KB a camera, 20 MB of a 10,000-camera fleet, for precision no RTT has.
    private var samples: [Float] = []
    /// A lost ping in ``samples`` (no round trip is negative; NaN would break equality).
    private static let lost: Float = -1
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
        samples.append(sample.map { Float($0) } ?? Self.lost)
        if samples.count > Self.windowSize { samples.removeFirst(samples.count - Self.windowSize) }
    }

    private var answered: [Double] { samples.compactMap { $0 == Self.lost ? nil : Double($0) } }

    /// Whether the window holds no ping yet (answered or lost).
    public var isEmpty: Bool { samples.isEmpty }

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
        samples.isEmpty ? 0 : Double(samples.count - answered.count) * 100 / Double(samples.count)
    }
    /// The last `count` samples for a sparkline, oldest first; `nil` marks a lost ping.
    public func history(_ count: Int = 30) -> [Double?] { samples.suffix(count).map { $0 == Self.lost ? nil : Double($0) } }
}
