/// The four STUN message classes of RFC 8489 section 5.
public enum STUNMessageClass: UInt8, Sendable, Hashable, CaseIterable {
    /// A request, answered by a success or error response.
    case request = 0b00
    /// An indication, never answered.
    case indication = 0b01
    /// A success response to a request.
    case successResponse = 0b10
    /// An error response to a request; carries an ERROR-CODE.
    case errorResponse = 0b11
}
