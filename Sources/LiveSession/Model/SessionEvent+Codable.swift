import Foundation

/// An event in JSON (a `watch --jsonl` line, the report's `events` and `errors`): its own
/// fields, `at` as an RFC 3339 time, and the state after it as a word with its details.
extension SessionEvent {
    private enum Key: String, CodingKey { case at, serialNumber, traceId, kind, message }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encodeTime(at, forKey: .at)
        try container.encode(serialNumber, forKey: .serialNumber)
        try container.encode(traceId, forKey: .traceId)
        try container.encode(kind, forKey: .kind)
        try container.encode(message, forKey: .message)
        try state.encode(to: encoder)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        self.init(at: try container.decodeTime(forKey: .at),
                  serialNumber: try container.decode(String.self, forKey: .serialNumber),
                  traceId: try container.decodeIfPresent(String.self, forKey: .traceId),
                  kind: try container.decode(Kind.self, forKey: .kind),
                  message: try container.decode(String.self, forKey: .message),
                  state: try SessionState(from: decoder))
    }
}
