/// A 16-bit STUN attribute type number.
public struct STUNAttributeType: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    /// The type number.
    public let rawValue: UInt16

    /// Creates a type from its number.
    public init(rawValue: UInt16) {
        self.rawValue = rawValue
    }

    /// Types below 0x8000 must be understood by the receiver (RFC 8489 section 14).
    public var isComprehensionRequired: Bool { rawValue < 0x8000 }

    /// MAPPED-ADDRESS (RFC 8489).
    public static let mappedAddress = STUNAttributeType(rawValue: 0x0001)
    /// USERNAME (RFC 8489).
    public static let username = STUNAttributeType(rawValue: 0x0006)
    /// MESSAGE-INTEGRITY (RFC 8489).
    public static let messageIntegrity = STUNAttributeType(rawValue: 0x0008)
    /// ERROR-CODE (RFC 8489).
    public static let errorCode = STUNAttributeType(rawValue: 0x0009)
    /// UNKNOWN-ATTRIBUTES (RFC 8489).
    public static let unknownAttributes = STUNAttributeType(rawValue: 0x000A)
    /// LIFETIME (RFC 8656).
    public static let lifetime = STUNAttributeType(rawValue: 0x000D)
    /// REALM (RFC 8489).
    public static let realm = STUNAttributeType(rawValue: 0x0014)
    /// NONCE (RFC 8489).
    public static let nonce = STUNAttributeType(rawValue: 0x0015)
    /// XOR-RELAYED-ADDRESS (RFC 8656).
    public static let xorRelayedAddress = STUNAttributeType(rawValue: 0x0016)
    /// REQUESTED-TRANSPORT (RFC 8656).
    public static let requestedTransport = STUNAttributeType(rawValue: 0x0019)
    /// MESSAGE-INTEGRITY-SHA256 (RFC 8489).
    public static let messageIntegritySHA256 = STUNAttributeType(rawValue: 0x001C)
    /// XOR-MAPPED-ADDRESS (RFC 8489).
    public static let xorMappedAddress = STUNAttributeType(rawValue: 0x0020)
    /// PRIORITY (RFC 8445).
    public static let priority = STUNAttributeType(rawValue: 0x0024)
    /// USE-CANDIDATE (RFC 8445).
    public static let useCandidate = STUNAttributeType(rawValue: 0x0025)
    /// SOFTWARE (RFC 8489).
    public static let software = STUNAttributeType(rawValue: 0x8022)
    /// FINGERPRINT (RFC 8489).
    public static let fingerprint = STUNAttributeType(rawValue: 0x8028)
    /// ICE-CONTROLLED (RFC 8445).
    public static let iceControlled = STUNAttributeType(rawValue: 0x8029)
    /// ICE-CONTROLLING (RFC 8445).
    public static let iceControlling = STUNAttributeType(rawValue: 0x802A)

    /// The registered name for the types above, else the number in hex.
    public var description: String {
        switch self {
        case .mappedAddress: return "MAPPED-ADDRESS"
        case .username: return "USERNAME"
        case .messageIntegrity: return "MESSAGE-INTEGRITY"
        case .errorCode: return "ERROR-CODE"
        case .unknownAttributes: return "UNKNOWN-ATTRIBUTES"
        case .lifetime: return "LIFETIME"
        case .realm: return "REALM"
        case .nonce: return "NONCE"
        case .xorRelayedAddress: return "XOR-RELAYED-ADDRESS"
        case .requestedTransport: return "REQUESTED-TRANSPORT"
        case .messageIntegritySHA256: return "MESSAGE-INTEGRITY-SHA256"
        case .xorMappedAddress: return "XOR-MAPPED-ADDRESS"
        case .priority: return "PRIORITY"
        case .useCandidate: return "USE-CANDIDATE"
        case .software: return "SOFTWARE"
        case .fingerprint: return "FINGERPRINT"
        case .iceControlled: return "ICE-CONTROLLED"
        case .iceControlling: return "ICE-CONTROLLING"
        default:
            let hex = String(rawValue, radix: 16)
            return "0x" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        }
    }
}
