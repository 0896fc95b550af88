/// A response received for a request, with how long it took.
public struct STUNExchange: Sendable {
    /// The decoded response.
    public var response: STUNMessage
    /// The response exactly as received, needed to check its MESSAGE-INTEGRITY.
    public var responseBytes: [UInt8]
    /// How many times the request was sent before this response came.
    public var transmissions: Int
    /// From the first send of the request to the arrival of the response.
    public var roundTripTime: Duration
}

/// Why a single request got no usable response.
enum STUNTransactionError: Error, Sendable, Hashable {
    /// Every transmission went unanswered, or the time ran out first.
    case noAnswer(transmissions: Int)
    /// ICMP port unreachable on UDP, or a refused TCP connection.
    case unreachable
    /// The TCP peer closed the connection, or the channel went away.
    case connectionClosed
    /// Another socket-level failure, in words.
    case transport(String)
}
