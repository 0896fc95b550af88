/// A 12-bit STUN method number (RFC 8489, RFC 8656).
///
/// A struct rather than an enum so that methods registered after this code was written still decode.
public struct STUNMethod: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    /// The method number; always below 0x1000.
    public let rawValue: UInt16

    /// Creates a method, or nil when the number does not fit in 12 bits.
    public init?(rawValue: UInt16) {
        guard rawValue < 0x1000 else { return nil }
        self.rawValue = rawValue
    }

    private init(known rawValue: UInt16) {
        self.rawValue = rawValue
    }

    /// Binding (RFC 8489): asks the server for the reflexive transport address.
    public static let binding = STUNMethod(known: 0x001)
    /// Allocate (RFC 8656): asks a TURN server for a relayed transport address.
    public static let allocate = STUNMethod(known: 0x003)
    /// Refresh (RFC 8656): extends or, with LIFETIME 0, deletes an allocation.
    public static let refresh = STUNMethod(known: 0x004)
    /// Send indication (RFC 8656).
    public static let send = STUNMethod(known: 0x006)
    /// Data indication (RFC 8656).
    public static let data = STUNMethod(known: 0x007)
    /// CreatePermission (RFC 8656).
    public static let createPermission = STUNMethod(known: 0x008)
    /// ChannelBind (RFC 8656).
    public static let channelBind = STUNMethod(known: 0x009)

    /// The method's registered name, or its number in hex.
    public var description: String {
        switch self {
        case .binding: return "Binding"
        case .allocate: return "Allocate"
        case .refresh: return "Refresh"
        case .send: return "Send"
        case .data: return "Data"
        case .createPermission: return "CreatePermission"
        case .channelBind: return "ChannelBind"
        default: return "method 0x" + String(rawValue, radix: 16)
        }
    }
}
