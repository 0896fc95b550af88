import Foundation

/// Session phases in JSON: every milestone present, `null` until it is reached, so a
/// script tells "not yet" from a renamed field.
extension SessionPhases {
    private enum Key: String, CodingKey { case ticketMs, socketOpenMs, cameraInMs, answerMs, firstCandidateMs, firstPongMs }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(ticketMs, forKey: .ticketMs)
        try container.encode(socketOpenMs, forKey: .socketOpenMs)
        try container.encode(cameraInMs, forKey: .cameraInMs)
        try container.encode(answerMs, forKey: .answerMs)
        try container.encode(firstCandidateMs, forKey: .firstCandidateMs)
        try container.encode(firstPongMs, forKey: .firstPongMs)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        self.init()
        ticketMs = try container.decodeIfPresent(Double.self, forKey: .ticketMs)
        socketOpenMs = try container.decodeIfPresent(Double.self, forKey: .socketOpenMs)
        cameraInMs = try container.decodeIfPresent(Double.self, forKey: .cameraInMs)
        answerMs = try container.decodeIfPresent(Double.self, forKey: .answerMs)
        firstCandidateMs = try container.decodeIfPresent(Double.self, forKey: .firstCandidateMs)
        firstPongMs = try container.decodeIfPresent(Double.self, forKey: .firstPongMs)
    }
}
