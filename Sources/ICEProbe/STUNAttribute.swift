/// One decoded STUN attribute.
///
/// Attributes this module has no use for stay as raw bytes so that a decoded message can be
/// re-encoded byte for byte.
public enum STUNAttribute: Sendable, Hashable {
    /// MAPPED-ADDRESS: the reflexive address, unobfuscated (legacy RFC 3489 servers).
    case mappedAddress(STUNTransportAddress)
    /// XOR-MAPPED-ADDRESS: the reflexive address as the server saw it.
    case xorMappedAddress(STUNTransportAddress)
    /// XOR-RELAYED-ADDRESS: the address a TURN server allocated.
    case xorRelayedAddress(STUNTransportAddress)
    /// USERNAME, UTF-8.
    case username(String)
    /// REALM, UTF-8.
    case realm(String)
    /// NONCE, UTF-8.
    case nonce(String)
    /// SOFTWARE: the peer's self-description.
    case software(String)
    /// ERROR-CODE.
    case errorCode(STUNErrorCode)
    /// LIFETIME in seconds.
    case lifetime(UInt32)
    /// REQUESTED-TRANSPORT: an IP protocol number, 17 for UDP.
    case requestedTransport(UInt8)
    /// MESSAGE-INTEGRITY: a 20-byte HMAC-SHA1.
    case messageIntegrity([UInt8])
    /// MESSAGE-INTEGRITY-SHA256: a 16- to 32-byte truncated HMAC-SHA256.
    case messageIntegritySHA256([UInt8])
    /// FINGERPRINT: CRC-32 of the message xor 0x5354554E.
    case fingerprint(UInt32)
    /// Any other attribute, kept verbatim without its padding.
    case unknown(type: STUNAttributeType, value: [UInt8])

    /// The attribute's type number.
    public var type: STUNAttributeType {
        switch self {
        case .mappedAddress: return .mappedAddress
        case .xorMappedAddress: return .xorMappedAddress
        case .xorRelayedAddress: return .xorRelayedAddress
        case .username: return .username
        case .realm: return .realm
        case .nonce: return .nonce
        case .software: return .software
        case .errorCode: return .errorCode
        case .lifetime: return .lifetime
        case .requestedTransport: return .requestedTransport
        case .messageIntegrity: return .messageIntegrity
        case .messageIntegritySHA256: return .messageIntegritySHA256
        case .fingerprint: return .fingerprint
        case .unknown(let type, _): return type
        }
    }

    /// REQUESTED-TRANSPORT's value for UDP relaying, the only kind RFC 8656 defines.
    public static let udpTransportProtocol: UInt8 = 17
}
