/// The value of an ERROR-CODE attribute (RFC 8489 section 14.8).
public struct STUNErrorCode: Sendable, Hashable, CustomStringConvertible {
    /// The code, class * 100 + number, for example 401.
    public var code: Int
    /// The reason phrase, with the trailing NUL bytes that coturn appends already removed.
    public var reason: String

    /// Creates an error code; `code` must be within 300...699 to be encodable.
    public init(code: Int, reason: String) {
        self.code = code
        self.reason = reason
    }

    /// 300 Try Alternate.
    public static let tryAlternate = 300
    /// 400 Bad Request.
    public static let badRequest = 400
    /// 401 Unauthenticated: missing or wrong credentials.
    public static let unauthenticated = 401
    /// 420 Unknown Attribute.
    public static let unknownAttribute = 420
    /// 437 Allocation Mismatch.
    public static let allocationMismatch = 437
    /// 438 Stale Nonce: retry with the NONCE of this response.
    public static let staleNonce = 438
    /// 441 Wrong Credentials.
    public static let wrongCredentials = 441
    /// 486 Allocation Quota Reached.
    public static let allocationQuotaReached = 486
    /// 500 Server Error.
    public static let serverError = 500

    /// "401 Unauthorized".
    public var description: String { reason.isEmpty ? "\(code)" : "\(code) \(reason)" }
}
