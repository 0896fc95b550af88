import Foundation
import NIOConcurrencyHelpers

/// Counts decoded frames as GStreamer's streaming thread hands them over and keeps the
/// latest one for thumbnails, so frames never queue up behind other events.
public final class FrameTap: Sendable {
    /// What the tap has seen so far.
    public struct Reading: Sendable, Hashable {
        /// Frames decoded.
        public var frames = 0
        /// When the last frame arrived (monotonic nanoseconds), or 0.
        public var lastFrameNanos: UInt64 = 0
        /// Gaps of more than a second between two frames.
        public var freezes = 0
        /// The sum of those gaps, in seconds.
        public var frozenSeconds = 0.0
        /// The stream's own resolution.
        public var sourceWidth = 0
        /// See ``sourceWidth``.
        public var sourceHeight = 0
    }

    /// A freeze: no frame for longer than this.
    public static let freezeThreshold: UInt64 = 1_000_000_000
    /// The latest frame is kept at most this often, to spare copies.
    static let keepEvery: UInt64 = 200_000_000

    private let state = NIOLockedValueBox<(reading: Reading, latest: DecodedFrame?, keptAt: UInt64)>((Reading(), nil, 0))

    /// Creates an empty tap.
    public init() {}

    /// The counts so far.
    public var reading: Reading { state.withLockedValue { $0.reading } }

    /// The latest decoded frame kept.
    public var latest: DecodedFrame? { state.withLockedValue { $0.latest } }

    /// Records one frame; returns true for the very first. `copy` is called only when the
    /// frame is kept.
    func record(at now: UInt64, sourceWidth: Int, sourceHeight: Int, copy: () -> DecodedFrame?) -> Bool {
        state.withLockedValue { state in
            let last = state.reading.lastFrameNanos
            if last > 0, now > last, now - last > Self.freezeThreshold {
                state.reading.freezes += 1
                state.reading.frozenSeconds += Double(now - last) / 1e9
            }
            state.reading.frames += 1
            state.reading.lastFrameNanos = now
            if sourceWidth > 0 {
                state.reading.sourceWidth = sourceWidth
                state.reading.sourceHeight = sourceHeight
            }
            if state.latest == nil || now &- state.keptAt >= Self.keepEvery, let frame = copy() {
                state.latest = frame
                state.keptAt = now
            }
            return state.reading.frames == 1
        }
    }
}
