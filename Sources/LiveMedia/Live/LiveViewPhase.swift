/// The steps of a live view, from the ticket to the first decoded frame, in order.
public enum LiveViewPhase: String, Sendable, Hashable, CaseIterable, Codable {
    case ticket
    case offerSent = "offer-sent"
    case answer
    case firstLocalCandidate = "first-local-candidate"
    case firstRemoteCandidate = "first-remote-candidate"
    case iceChecking = "ice-checking"
    case iceConnected = "ice-connected"
    case dtlsConnected = "dtls-connected"
    case dataChannelOpen = "data-channel-open"
    case startLiveAcknowledged = "startlive-acknowledged"
    case firstRTP = "first-rtp"
    case firstKeyframe = "first-keyframe"
    case firstFrame = "first-frame"

    /// How the waterfall names it.
    public var title: String {
        switch self {
        case .ticket: return "ticket"
        case .offerSent: return "offer sent"
        case .answer: return "answer"
        case .firstLocalCandidate: return "1st local candidate"
        case .firstRemoteCandidate: return "1st remote candidate"
        case .iceChecking: return "ICE checking"
        case .iceConnected: return "ICE connected"
        case .dtlsConnected: return "DTLS connected"
        case .dataChannelOpen: return "data channel open"
        case .startLiveAcknowledged: return "startLive acknowledged"
        case .firstRTP: return "first RTP packet"
        case .firstKeyframe: return "first keyframe"
        case .firstFrame: return "first decoded frame"
        }
    }

    /// The short name a verdict uses ("failed at ICE").
    public var shortName: String {
        switch self {
        case .ticket: return "ticket"
        case .offerSent, .answer: return "answer"
        case .firstLocalCandidate, .firstRemoteCandidate, .iceChecking, .iceConnected: return "ICE"
        case .dtlsConnected: return "DTLS"
        case .dataChannelOpen: return "data channel"
        case .startLiveAcknowledged: return "startLive"
        case .firstRTP, .firstKeyframe, .firstFrame: return "video"
        }
    }

    /// The phases every successful view passes, in the order a failure is attributed.
    public static let chain: [LiveViewPhase] = [
        .offerSent, .answer, .iceConnected, .dtlsConnected, .dataChannelOpen, .startLiveAcknowledged,
        .firstRTP, .firstKeyframe, .firstFrame,
    ]
}
