import Foundation

/// When each phase of one live view was reached, in milliseconds from its start, and which
/// phase has waited too long. Pure: the caller says what time it is.
public struct LiveViewTimeline: Sendable, Hashable {
    /// Milliseconds from the start at which each phase was first reached.
    public private(set) var reached: [LiveViewPhase: Double] = [:]

    /// An empty timeline.
    public init() {}

    /// Records `phase` at `ms` unless it was reached before; true when it is new.
    @discardableResult
    public mutating func mark(_ phase: LiveViewPhase, at ms: Double) -> Bool {
        guard reached[phase] == nil else { return false }
        reached[phase] = max(0, ms)
        return true
    }

    /// Whether `phase` was reached.
    public func has(_ phase: LiveViewPhase) -> Bool { reached[phase] != nil }

    /// The phases reached, in the order of ``LiveViewPhase/allCases``.
    public var ordered: [(phase: LiveViewPhase, ms: Double)] {
        LiveViewPhase.allCases.compactMap { phase in reached[phase].map { (phase, $0) } }
    }

    /// The first phase of the chain not reached yet.
    public var awaiting: LiveViewPhase? { LiveViewPhase.chain.first { reached[$0] == nil } }

    /// The phase that has waited longer than its time-out at `ms`, with the reason, or nil.
    /// `iceDetail` words an ICE failure ("0 of 6 pairs answered").
    public func overdue(at ms: Double, timeouts: LiveViewTimeouts, iceDetail: String) -> (phase: LiveViewPhase, reason: String)? {
        func waited(since phase: LiveViewPhase, longerThan limit: Duration) -> Bool {
            guard let since = reached[phase] else { return false }
            return ms - since > limit.milliseconds
        }
        switch awaiting {
        case .offerSent? where ms > timeouts.answer.milliseconds:
            return (.offerSent, "webrtcbin made no offer in \(timeouts.answer.seconds)")
        case .answer? where waited(since: .offerSent, longerThan: timeouts.answer):
            return (.answer, "no answer in \(timeouts.answer.seconds) — the camera ignored the offer")
        case .iceConnected? where waited(since: .answer, longerThan: timeouts.ice):
            return (.iceConnected, "ICE failed: \(iceDetail)")
        case .dtlsConnected? where waited(since: .iceConnected, longerThan: timeouts.dtls):
            return (.dtlsConnected, "DTLS failed: no handshake in \(timeouts.dtls.seconds)")
        case .dataChannelOpen? where waited(since: .dtlsConnected, longerThan: timeouts.dtls):
            return (.dataChannelOpen, "the data channel did not open in \(timeouts.dtls.seconds)")
        case .startLiveAcknowledged? where waited(since: .dataChannelOpen, longerThan: timeouts.startLive):
            return (.startLiveAcknowledged, "no reply to startLive in \(timeouts.startLive.seconds)")
        case .firstRTP? where waited(since: .startLiveAcknowledged, longerThan: timeouts.video):
            return (.firstRTP, "no video \(timeouts.video.seconds) after startLive")
        case .firstKeyframe? where waited(since: .startLiveAcknowledged, longerThan: timeouts.video):
            return (.firstKeyframe, "no keyframe \(timeouts.video.seconds) after startLive, though RTP arrives")
        case .firstFrame? where waited(since: .startLiveAcknowledged, longerThan: timeouts.video):
            return (.firstFrame, "no frame decoded \(timeouts.video.seconds) after startLive")
        default:
            return nil
        }
    }
}

extension Duration {
    /// Milliseconds, fractional.
    var milliseconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) * 1000 + Double(attoseconds) / 1e15
    }

    /// "12 s", "1.5 s".
    var seconds: String {
        let value = milliseconds / 1000
        return value == value.rounded() ? "\(Int(value)) s" : String(format: "%.1f s", value)
    }
}
