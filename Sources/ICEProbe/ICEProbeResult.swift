/// One request/response exchange made during a probe.
public struct ICEProbeTransaction: Sendable, Hashable {
    /// The request's method.
    public var method: STUNMethod
    /// Whether the request carried MESSAGE-INTEGRITY.
    public var authenticated: Bool
    /// How many times the request was sent.
    public var transmissions: Int
    /// From the first send to the response; nil when no response came.
    public var roundTripTime: Duration?
    /// The ERROR-CODE of an error response, for example 401 or 438; nil for success or no answer.
    public var errorCode: Int?

    /// Creates a record.
    public init(method: STUNMethod, authenticated: Bool, transmissions: Int, roundTripTime: Duration?, errorCode: Int?) {
        self.method = method
        self.authenticated = authenticated
        self.transmissions = transmissions
        self.roundTripTime = roundTripTime
        self.errorCode = errorCode
    }
}

/// What probing one STUN or TURN server found.
public struct ICEProbeResult: Sendable {
    /// The server probed.
    public var server: ICEServerURI
    /// The address the host name resolved to.
    public var serverAddress: STUNTransportAddress?
    /// The local address of the probe's socket: the base of the reflexive candidate.
    public var localAddress: STUNTransportAddress?
    /// Every exchange in order, failed ones included.
    public var transactions: [ICEProbeTransaction] = []
    /// From start to finish, resolution and the allocation's release included.
    public var totalTime: Duration = .zero
    /// The server-reflexive address (XOR-MAPPED-ADDRESS).
    public var mappedAddress: STUNTransportAddress?
    /// The relayed address a TURN server allocated (XOR-RELAYED-ADDRESS).
    public var relayedAddress: STUNTransportAddress?
    /// The allocation's lifetime in seconds as granted.
    public var allocationLifetime: UInt32?
    /// Whether the allocation was deleted again with a Refresh of LIFETIME 0.
    public var allocationReleased = false
    /// The realm and nonce last received, reusable to save a round trip next time.
    public var nonce: TURNNonce?
    /// The server's SOFTWARE, when it sent one.
    public var software: String?
    /// Why the probe failed; nil on success.
    public var failure: ICEProbeFailure?

    /// Creates an empty result for `server`.
    public init(server: ICEServerURI) {
        self.server = server
    }

    /// True when the probe got what it asked for.
    public var succeeded: Bool { failure == nil }
}
