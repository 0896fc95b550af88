/// The 14-bit message type: a method and a class whose bits are interleaved (RFC 8489 section 5).
public struct STUNMessageType: Sendable, Hashable, CustomStringConvertible {
    /// The method.
    public var method: STUNMethod
    /// The class.
    public var messageClass: STUNMessageClass

    /// Creates a message type from its parts.
    public init(method: STUNMethod, messageClass: STUNMessageClass) {
        self.method = method
        self.messageClass = messageClass
    }

    /// Splits a wire value into method and class; nil when either of the two top bits is set,
    /// because such a value cannot be STUN (it is ChannelData or another protocol).
    public init?(wireValue: UInt16) {
        guard wireValue & 0xC000 == 0 else { return nil }
        let classBits = UInt8(((wireValue >> 4) & 0x1) | ((wireValue >> 7) & 0x2))
        let methodBits = (wireValue & 0x000F) | ((wireValue >> 1) & 0x0070) | ((wireValue >> 2) & 0x0F80)
        // Both conversions cannot fail: the class is two bits and the method twelve.
        self.messageClass = STUNMessageClass(rawValue: classBits) ?? .request
        self.method = STUNMethod(rawValue: methodBits) ?? .binding
    }

    /// The value as it appears in the first two bytes of a message.
    public var wireValue: UInt16 {
        let methodBits = method.rawValue
        let classBits = UInt16(messageClass.rawValue)
        return (methodBits & 0x000F)
            | ((methodBits & 0x0070) << 1)
            | ((methodBits & 0x0F80) << 2)
            | ((classBits & 0x1) << 4)
            | ((classBits & 0x2) << 7)
    }

    /// For example "Binding request" or "Allocate error response".
    public var description: String {
        let className: String
        switch messageClass {
        case .request: className = "request"
        case .indication: className = "indication"
        case .successResponse: className = "success response"
        case .errorResponse: className = "error response"
        }
        return "\(method) \(className)"
    }
}
