/// Why a probe of a STUN or TURN server failed, in terms a user can act on.
public enum ICEProbeFailure: Error, Sendable, Hashable, CustomStringConvertible {
    /// The TURN server rejected the credentials (401 after authenticating, or 441).
    case authenticationFailed
    /// The TURN server demands credentials and none were configured.
    case credentialsRequired
    /// ICMP port unreachable on UDP, or a refused TCP connection: nothing listens there.
    case unreachable
    /// Nothing came back; `tries` requests were sent (0 when a TCP connect timed out).
    case noAnswer(tries: Int)
    /// The server answered with an error response.
    case serverError(code: Int, reason: String)
    /// stuns: and turns: need TLS or DTLS, which this module does not implement.
    case tlsUnsupported(ICEServerURI.Scheme)
    /// The host name did not resolve.
    case resolutionFailed(host: String)
    /// The TCP connection was closed before an answer arrived.
    case connectionClosed
    /// The server's answer broke the protocol, for example a success without an address.
    case protocolViolation(String)
    /// Another socket-level failure.
    case transport(String)

    /// The failure in words, for example "no answer after 7 tries" or "server error 437 Allocation Mismatch".
    public var description: String {
        switch self {
        case .authenticationFailed: return "authentication failed"
        case .credentialsRequired: return "authentication failed: the server requires credentials and none were given"
        case .unreachable: return "unreachable"
        case .noAnswer(let tries) where tries == 0: return "no answer (connection timed out)"
        case .noAnswer(let tries): return "no answer after \(tries) \(tries == 1 ? "try" : "tries")"
        case .serverError(let code, let reason): return reason.isEmpty ? "server error \(code)" : "server error \(code) \(reason)"
        case .tlsUnsupported(let scheme): return "unsupported: \(scheme.rawValue): needs TLS, which this probe does not implement"
        case .resolutionFailed(let host): return "cannot resolve host \(host)"
        case .connectionClosed: return "connection closed by the server"
        case .protocolViolation(let detail): return "protocol violation: \(detail)"
        case .transport(let detail): return "transport error: \(detail)"
        }
    }

    init(_ error: STUNTransactionError) {
        switch error {
        case .noAnswer(let transmissions): self = .noAnswer(tries: transmissions)
        case .unreachable: self = .unreachable
        case .connectionClosed: self = .connectionClosed
        case .transport(let detail): self = .transport(detail)
        }
    }
}
