/// A fault a test injects into a running simulator.
public enum SimulatorFault: Sendable {
    /// Drops signaling sockets without a close frame: one camera's, or every one.
    case dropSockets(serial: String?)
    /// Answers API calls with this HTTP status and no API JSON; `count` calls, or
    /// every call until ``VicohomeSimulator/clearFaults()`` when `nil`.
    case serverErrors(status: Int, count: Int?)
    /// Answers API calls with a truncated, malformed body.
    case malformedJSON(count: Int?)
    /// Answers API calls with HTTP 200 and this non-zero API code and message.
    case apiError(code: Int, message: String, count: Int?)
    /// Delays every API answer.
    case delayResponses(Duration)
    /// Rejects the account's token on every call until ``VicohomeSimulator/restoreToken()``.
    case revokeToken
    /// Refuses the next `count` signaling handshakes with 403 "bad sign", as a server
    /// whose signing key rotated would.
    case rejectSignaling(count: Int)
    /// Gives a camera another behaviour; open sockets follow it from their next event.
    case setBehavior(serial: String, DeviceBehavior)
}
