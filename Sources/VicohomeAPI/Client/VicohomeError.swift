/// Everything that can go wrong talking to the cloud, in one type.
///
/// Each case has a one-line ``description`` a person understands, carries no secret,
/// and falls into a ``Category`` that decides exit codes and recovery.
public enum VicohomeError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Code 101: the serial number is unknown to the cloud.
    case invalidSerial(serialNumber: String?, message: String)
    /// Code 102: the camera is offline or cannot take a live view now.
    case deviceOffline(serialNumber: String?, message: String)
    /// HTTP 401, code 401, or results -1024 to -1027: the token is missing, invalid,
    /// expired or was replaced by a login elsewhere.
    case unauthorized(code: Int, message: String)
    /// Any other non-zero API code.
    case api(code: Int, message: String)
    /// An HTTP error status whose body is not the API's JSON.
    case httpStatus(status: Int, excerpt: String)
    /// A body that is not the JSON the endpoint promises.
    case malformedBody(status: Int, detail: String, excerpt: String)
    /// No complete answer within the request timeout.
    case timeout(seconds: Double)
    /// The connection could not be made or broke off.
    case connectionFailed(detail: String)
    /// The client's own settings are unusable (a base URL that is not a URL, no token).
    case invalidConfiguration(String)

    /// Broad kinds of failure, each with its own exit code and recovery.
    public enum Category: String, Sendable, Hashable, Codable {
        /// The token is missing, invalid, expired or revoked.
        case auth
        /// The device cannot be watched (101, 102).
        case device
        /// The network or the server failed (timeouts, 5xx, broken bodies).
        case network
        /// The user's settings are wrong.
        case configuration
    }

    /// The kind of failure.
    public var category: Category {
        switch self {
        case .unauthorized: .auth
        case .invalidSerial, .deviceOffline: .device
        case .api, .httpStatus, .malformedBody, .timeout, .connectionFailed: .network
        case .invalidConfiguration: .configuration
        }
    }

    /// Whether asking again later can succeed without anyone changing anything.
    public var isTransient: Bool {
        switch self {
        case .timeout, .connectionFailed, .malformedBody, .deviceOffline: true
        case .httpStatus(let status, _): status >= 500 || status == 429
        case .api: true
        case .unauthorized, .invalidSerial, .invalidConfiguration: false
        }
    }

    public var description: String {
        switch self {
        case .invalidSerial(let serial, let message):
            "invalid device serial number\(Self.serialSuffix(serial)) (code 101: \(Sanitizer.singleLine(message)))"
        case .deviceOffline(let serial, let message):
            "device\(Self.serialSuffix(serial)) is offline or unavailable (code 102: \(Sanitizer.singleLine(message)))"
        case .unauthorized(let code, let message):
            "not authorised: \(Self.authExplanation(code)) (code \(code): \(Sanitizer.singleLine(message)))"
        case .api(let code, let message):
            "the cloud refused the request (code \(code): \(Sanitizer.singleLine(message)))"
        case .httpStatus(let status, let excerpt):
            excerpt.isEmpty
                ? "the server answered HTTP \(status) with no API response"
                : "the server answered HTTP \(status) with no API response: \(excerpt)"
        case .malformedBody(let status, let detail, let excerpt):
            "the server's answer (HTTP \(status)) is not valid API JSON: \(Sanitizer.singleLine(detail))"
                + (excerpt.isEmpty ? "" : " — body starts: \(excerpt)")
        case .timeout(let seconds):
            "no answer from the server within \(Self.formatSeconds(seconds))"
        case .connectionFailed(let detail):
            "could not reach the server: \(Sanitizer.singleLine(detail))"
        case .invalidConfiguration(let detail):
            "invalid configuration: \(Sanitizer.singleLine(detail))"
        }
    }

    private static func serialSuffix(_ serial: String?) -> String {
        serial.map { " \(Sanitizer.singleLine($0))" } ?? ""
    }

    private static func authExplanation(_ code: Int) -> String {
        switch code {
        case -1024: "the account signed in elsewhere and this session was ended"
        case -1025: "no token was sent"
        case -1026: "the token is invalid"
        case -1027: "the token has expired"
        default: "the token was rejected"
        }
    }

    private static func formatSeconds(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? "\(Int(seconds)) s" : "\(seconds) s"
    }
}
