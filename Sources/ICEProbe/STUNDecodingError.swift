/// Why a byte string is not a well-formed STUN message.
public enum STUNDecodingError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Fewer than the 20 bytes of a header.
    case truncatedHeader(byteCount: Int)
    /// One of the two top bits is set, so this is not STUN (maybe ChannelData or RTP).
    case notSTUN(firstByte: UInt8)
    /// The magic cookie is not 0x2112A442; RFC 3489-era or non-STUN traffic.
    case badMagicCookie(UInt32)
    /// The header's length is not a multiple of four.
    case lengthNotMultipleOfFour(Int)
    /// The header's length disagrees with the number of bytes after the header.
    case lengthMismatch(declared: Int, available: Int)
    /// An attribute header or value runs past the end of the message.
    case truncatedAttribute(type: STUNAttributeType?, offset: Int)
    /// An attribute's length is impossible for its type.
    case invalidAttributeLength(type: STUNAttributeType, length: Int)
    /// An address attribute names a family other than 0x01 (IPv4) or 0x02 (IPv6).
    case unknownAddressFamily(type: STUNAttributeType, family: UInt8)
    /// ERROR-CODE's number part is above 99.
    case invalidErrorCode(errorClass: Int, number: Int)
    /// A text attribute is not valid UTF-8.
    case invalidText(type: STUNAttributeType)
    /// An attribute follows FINGERPRINT, which must come last.
    case attributeAfterFingerprint(type: STUNAttributeType)

    /// One line in plain words.
    public var description: String {
        switch self {
        case .truncatedHeader(let count):
            return "truncated header: \(count) bytes, 20 needed"
        case .notSTUN(let first):
            return "not STUN: first byte 0x\(String(first, radix: 16)) has a top bit set"
        case .badMagicCookie(let cookie):
            return "bad magic cookie 0x\(String(cookie, radix: 16))"
        case .lengthNotMultipleOfFour(let length):
            return "message length \(length) is not a multiple of 4"
        case .lengthMismatch(let declared, let available):
            return "message length \(declared) but \(available) bytes follow the header"
        case .truncatedAttribute(let type, let offset):
            let name = type.map { "\($0)" } ?? "attribute header"
            return "\(name) at offset \(offset) runs past the end of the message"
        case .invalidAttributeLength(let type, let length):
            return "\(type) cannot be \(length) bytes long"
        case .unknownAddressFamily(let type, let family):
            return "\(type) has unknown address family \(family)"
        case .invalidErrorCode(let errorClass, let number):
            return "ERROR-CODE class \(errorClass) number \(number) is out of range"
        case .invalidText(let type):
            return "\(type) is not valid UTF-8"
        case .attributeAfterFingerprint(let type):
            return "\(type) follows FINGERPRINT"
        }
    }
}
