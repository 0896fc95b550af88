import Foundation

/// A state in JSON is a plain word with its details beside it, never Swift's
/// `{"backingOff":{…}}`: it writes `state`, `reason`, `retryAt` and `failure` into the
/// object of its owner (a device, an event, a report), each present, `null` when it does
/// not apply, so a script reads `.state` and `.retryAt` without knowing Swift.
extension SessionState {
    private enum Key: String, CodingKey { case state, reason, retryAt, failure }

    /// The state's word in JSON: `idle`, `requestingTicket`, `connecting`, `live`,
    /// `refreshing`, `backingOff`, `unauthorized`, `failed` or `stopped`.
    public var jsonName: String {
        switch self {
        case .idle: "idle"
        case .requestingTicket: "requestingTicket"
        case .connecting: "connecting"
        case .live: "live"
        case .refreshing: "refreshing"
        case .backingOff: "backingOff"
        case .unauthorized: "unauthorized"
        case .failed: "failed"
        case .stopped: "stopped"
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(jsonName, forKey: .state)
        var reason: BackoffReason?, retryAt: Date?, failure: String?
        switch self {
        case .backingOff(let until, let why):
            reason = why
            retryAt = until
        case .failed(let text):
            failure = text
        default:
            break
        }
        try container.encode(reason, forKey: .reason)
        try container.encodeTime(retryAt, forKey: .retryAt)
        try container.encode(failure, forKey: .failure)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        let name = try container.decode(String.self, forKey: .state)
        switch name {
        case "idle": self = .idle
        case "requestingTicket": self = .requestingTicket
        case "connecting": self = .connecting
        case "live": self = .live
        case "refreshing": self = .refreshing
        case "backingOff":
            self = .backingOff(until: try container.decodeTime(forKey: .retryAt),
                               reason: try container.decode(BackoffReason.self, forKey: .reason))
        case "unauthorized": self = .unauthorized
        case "failed": self = .failed(reason: try container.decodeIfPresent(String.self, forKey: .failure) ?? "")
        case "stopped": self = .stopped
        default:
            throw DecodingError.dataCorruptedError(forKey: .state, in: container, debugDescription: "unknown state \(name)")
        }
    }
}
