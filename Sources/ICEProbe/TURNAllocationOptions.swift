/// Options for a TURN allocation probe beyond the server and credentials.
public struct TURNAllocationOptions: Sendable, Hashable {
    /// A realm and nonce from an earlier exchange, used for the first Allocate so that the
    /// 401 round trip is skipped; a stale one costs a 438 and a retry.
    public var knownNonce: TURNNonce?
    /// How long to keep the allocation before deleting it, for example to watch the nonce
    /// expire; zero frees it at once. It counts against the probe's timeout.
    public var holdDuration: Duration
    /// The LIFETIME to ask for, in seconds; nil lets the server choose.
    public var requestedLifetime: UInt32?
    /// How many 438 Stale Nonce answers in a row are retried before giving up.
    public var maxStaleNonceRetries: Int

    /// Creates options; the defaults free the allocation at once.
    public init(knownNonce: TURNNonce? = nil, holdDuration: Duration = .zero, requestedLifetime: UInt32? = nil, maxStaleNonceRetries: Int = 2) {
        self.knownNonce = knownNonce
        self.holdDuration = holdDuration
        self.requestedLifetime = requestedLifetime
        self.maxStaleNonceRetries = maxStaleNonceRetries
    }
}
