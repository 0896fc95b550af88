/// Why a message cannot be put on the wire.
public enum STUNEncodingError: Error, Sendable, Hashable, CustomStringConvertible {
    /// An attribute value exceeds the 65535 bytes its length field can express.
    case valueTooLong(type: STUNAttributeType, length: Int)
    /// The whole message exceeds the 65535 bytes the header's length field can express.
    case messageTooLarge(length: Int)
    /// An ERROR-CODE outside 0...799 cannot be split into a 3-bit class and a number.
    case unencodableErrorCode(Int)

    /// One line in plain words.
    public var description: String {
        switch self {
        case .valueTooLong(let type, let length): return "\(type) value of \(length) bytes is too long"
        case .messageTooLarge(let length): return "message of \(length) bytes is too large"
        case .unencodableErrorCode(let code): return "error code \(code) cannot be encoded"
        }
    }
}
